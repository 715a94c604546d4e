// Bundles the browser smoke page from the installed tarballs with esbuild, for the browser, and
// proves the packages' ESM builds import nothing Node-only. Two independent guards: esbuild itself
// refuses Node builtins under `platform: "browser"` (the build fails), and the metafile of a build
// that succeeded is read for any `node:` or builtin import, or anything left external.
import { builtinModules } from "node:module";
import { build, type BuildFailure, type Metafile } from "esbuild";

export interface BrowserBundle {
  /** Problems found; empty when the bundle is browser-clean. */
  problems: string[];
  /** Size of the written bundle in bytes (0 when the build failed). */
  bytes: number;
}

const BUILTINS = new Set(builtinModules);

function isNodeOnly(path: string): boolean {
  return path.startsWith("node:") || BUILTINS.has(path) || BUILTINS.has(path.split("/")[0] ?? "");
}

/** The imports in a metafile that a browser cannot load: Node builtins and unbundled externals. */
export function nodeOnlyImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (isNodeOnly(imported.path)) found.push(`${file} imports ${imported.path}`);
      else if (imported.external === true) found.push(`${file} leaves ${imported.path} external`);
    }
  }
  return found;
}

export async function bundleForBrowser(entry: string, outfile: string): Promise<BrowserBundle> {
  try {
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      metafile: true,
      logLevel: "silent",
    });
    const output = Object.values(result.metafile.outputs)[0];
    return { problems: nodeOnlyImports(result.metafile), bytes: output?.bytes ?? 0 };
  } catch (error) {
    const { errors } = error as Partial<BuildFailure>;
    const problems = errors?.map((e) => (e.location ? `${e.location.file}: ${e.text}` : e.text)) ?? [String(error)];
    return { problems, bytes: 0 };
  }
}
