// The page and its assets, built with the app and served from memory (no CDN, no file paths taken
// from requests). The HTML and CSS are served as written; the script is compiled from src/page/.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Asset {
  route: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

export interface Assets {
  list(): Asset[];
}

const FILES: Array<{ route: string; file: URL; contentType: string }> = [
  { route: "/", file: new URL("../public/index.html", import.meta.url), contentType: "text/html; charset=utf-8" },
  { route: "/board.css", file: new URL("../public/board.css", import.meta.url), contentType: "text/css; charset=utf-8" },
  { route: "/board.js", file: new URL("./page/board.js", import.meta.url), contentType: "text/javascript; charset=utf-8" },
  { route: "/favicon.svg", file: new URL("../public/favicon.svg", import.meta.url), contentType: "image/svg+xml" },
];

export function loadAssets(): Assets {
  const assets = FILES.map(({ route, file, contentType }) => {
    try {
      return { route, contentType, body: new Uint8Array(readFileSync(fileURLToPath(file))) };
    } catch (error) {
      throw new Error(`The page's asset ${route} is missing (${(error as Error).message}); run \`pnpm build\` first.`);
    }
  });
  return { list: () => assets };
}
