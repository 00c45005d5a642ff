/** One-line JSON logs on stdout (info) and stderr (warnings, errors). Never pass secrets in `fields`. */
type Fields = Record<string, unknown>;
type Level = "info" | "warn" | "error";

export function createLogger(service: string) {
  const write = (level: Level, message: string, fields: Fields = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, service, message, ...fields });
    (level === "info" ? process.stdout : process.stderr).write(line + "\n");
  };
  return {
    info: (message: string, fields?: Fields) => write("info", message, fields),
    warn: (message: string, fields?: Fields) => write("warn", message, fields),
    error: (message: string, fields?: Fields) => write("error", message, fields),
  };
}

export type Logger = ReturnType<typeof createLogger>;
