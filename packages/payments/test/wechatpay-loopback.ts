import { createPublicKey, createSign, createVerify, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxWechatpayKeys } from '../src';

/**
 * A loopback stand-in for api.mch.weixin.qq.com, strict where WeChat Pay is: it refuses a
 * request whose Authorization does not verify with the merchant's public key (401
 * SIGN_ERROR), and signs every answer with the platform key like WeChat Pay does. It speaks
 * the three calls we make, in the shapes of WeChat Pay's v3 API reference.
 */
export interface LoopbackWechatpay {
  url: string;
  /** Every request that passed the signature check, body parsed. */
  requests: { method: string; path: string; body: Record<string, unknown> | null }[];
  /** out_trade_no → the transaction the query answers. */
  trades: Map<string, Record<string, unknown>>;
  /** The refund status answered for new refunds (default SUCCESS). */
  refundStatus: string;
  /** Replaces the next answer (status, body, whether it is signed). */
  nextAnswer?: { status: number; body: string; signed: boolean };
  close(): Promise<void>;
}

export async function startLoopbackWechatpay(
  keys: SandboxWechatpayKeys,
): Promise<LoopbackWechatpay> {
  const merchantPublicKey = createPublicKey(keys.merchantPrivateKey);
  const refunds = new Map<string, Record<string, unknown>>();
  const state: Omit<LoopbackWechatpay, 'url' | 'close'> = {
    requests: [],
    trades: new Map(),
    refundStatus: 'SUCCESS',
  };

  function answer(res: ServerResponse, status: number, body: string, signed = true) {
    // Written out here, not taken from src: a wrong format there cannot agree with itself.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID().replaceAll('-', '');
    const signature = createSign('RSA-SHA256')
      .update(`${timestamp}\n${nonce}\n${body}\n`)
      .sign(keys.platformPrivateKey, 'base64');
    const headers = signed
      ? {
          'wechatpay-timestamp': timestamp,
          'wechatpay-nonce': nonce,
          'wechatpay-signature': signature,
          'wechatpay-serial': keys.platformSerial,
        }
      : {};
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  }

  function authorized(req: IncomingMessage, body: string): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header);
    if (!match) return false;
    const fields = Object.fromEntries(
      [...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (fields.mchid !== keys.mchId || fields.serial_no !== keys.merchantSerial) return false;
    if (Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return false;
    const message = `${req.method}\n${req.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    return createVerify('RSA-SHA256')
      .update(message)
      .verify(merchantPublicKey, fields.signature ?? '', 'base64');
  }

  function route(method: string, url: URL, body: Record<string, unknown> | null) {
    if (method === 'POST' && url.pathname === '/v3/pay/transactions/native') {
      return {
        status: 200,
        body: { code_url: `weixin://wxpay/bizpayurl?pr=${body?.out_trade_no}` },
      };
    }
    const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && query && url.searchParams.get('mchid') === keys.mchId) {
      const trade = state.trades.get(decodeURIComponent(query[1]!));
      return trade
        ? { status: 200, body: trade }
        : { status: 404, body: { code: 'ORDER_NOT_EXIST', message: '订单不存在' } };
    }
    if (method === 'POST' && url.pathname === '/v3/refund/domestic/refunds' && body) {
      const refundNo = String(body.out_refund_no);
      const refund = refunds.get(refundNo) ?? {
        refund_id: `5030${refunds.size + 1}`,
        out_refund_no: refundNo,
        transaction_id: body.transaction_id,
        out_trade_no: body.out_trade_no,
        status: state.refundStatus,
        amount: body.amount,
      };
      refunds.set(refundNo, refund);
      return { status: 200, body: refund };
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: 'no such API' } };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (!authorized(req, raw)) {
        answer(res, 401, JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }));
        return;
      }
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      const url = new URL(req.url ?? '/', 'http://loopback');
      state.requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      const next = loopback.nextAnswer;
      if (next) {
        loopback.nextAnswer = undefined;
        answer(res, next.status, next.body, next.signed);
        return;
      }
      const result = route(req.method ?? '', url, body);
      answer(res, result.status, JSON.stringify(result.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const loopback: LoopbackWechatpay = Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return loopback;
}
