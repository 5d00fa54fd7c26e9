/**
 * TypeScript to JavaScript, types removed, nothing checked. The compiler is the one transpiler
 * the workspace has; it is large, so it is fetched only for the first TypeScript run.
 */
export async function stripTypes(code: string): Promise<{ code: string } | { error: string }> {
  const { default: ts } = await import('typescript');
  const { outputText, diagnostics = [] } = ts.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  if (diagnostics.length === 0) return { code: outputText };
  const lines = diagnostics.map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return `error: ${text}`;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `main.ts:${line + 1}:${character + 1}: ${text}`;
  });
  return { error: `${lines.join('\n')}\n` };
}
