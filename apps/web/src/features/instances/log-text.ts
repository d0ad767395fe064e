export interface TextLogLine {
  ts: Date;
  stream: string;
  severity: string;
  message: string;
}

/** One line as the viewer and the download show it: time, stream, message. */
export function formatLogLine(line: TextLogLine): string {
  return `${line.ts.toISOString()} [${line.stream}] ${line.message}`;
}

/** The .txt a user downloads: every loaded line, newline-terminated. */
export function logsToText(lines: readonly TextLogLine[]): string {
  return lines.map((line) => `${formatLogLine(line)}\n`).join('');
}

/** A file name safe on every OS: `<instance>-<deployment prefix>-logs.txt`. */
export function logFileName(instanceName: string, deploymentId: string | null): string {
  const safe = instanceName.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'instance';
  return `${safe}-${deploymentId?.slice(0, 8) ?? 'latest'}-logs.txt`;
}
