import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { Skeleton } from '../../components/ui';

const SIZE = 224;

/** A QR code drawn locally as SVG (the payload never leaves the browser for rendering). */
export function QrCode({ value, alt }: { value: string; alt: string }) {
  const svg = useQuery({
    queryKey: ['billing', 'qr', value],
    queryFn: () => QRCode.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    staleTime: Infinity,
  });
  if (!svg.data) return <Skeleton className="size-56" />;
  return (
    <img
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.data)}`}
      alt={alt}
      width={SIZE}
      height={SIZE}
      className="rounded-md border border-neutral-200 bg-white p-2"
    />
  );
}
