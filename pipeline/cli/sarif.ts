import type { VFile } from 'vfile';

/** SARIF 2.1.0, the format code-scanning tools read; one result per message. */
export function sarifLog(files: readonly VFile[]): object {
  const results = files.flatMap((file) =>
    file.messages.map((m) => ({
      ruleId: m.ruleId ?? 'samverkan',
      level: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'note',
      message: { text: m.reason },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: m.file || file.path },
            ...(m.place && 'start' in m.place
              ? { region: { startLine: m.place.start.line, startColumn: m.place.start.column, endLine: m.place.end.line, endColumn: m.place.end.column } }
              : m.line
                ? { region: { startLine: m.line, startColumn: m.column ?? 1 } }
                : {}),
          },
        },
      ],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'samverkan' } }, results }],
  };
}
