// A copy of the shared fixture dist/, its page published for a base URL on 127.0.0.1 and served by
// the project's own static server: what the page and calendar suites open. A copy, so publishing
// the page does not change the fixture other suites read.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Catalog } from "../../audio-builder/catalog/catalog-types.js";
import { publishSite } from "../../audio-builder/publish/publish-site.js";
import { createStaticServer } from "../../audio-builder/publish/static-server.js";
import { fixtureDist } from "./fixture-dist.js";

/** Pinned so the page's and the calendar files' bytes do not depend on the day the tests run. */
export const PINNED_EPOCH = "1767225600"; // 2026-01-01T00:00:00Z

export interface ServedSite {
  dist: string;
  catalog: Catalog;
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

export async function serveSiteCopy(name: string): Promise<ServedSite> {
  const dist = await mkdtemp(path.join(tmpdir(), `rustpunt-${name}-`));
  await cp(fixtureDist(), dist, { recursive: true, filter: (src) => !path.basename(src).startsWith(".staging-") });
  const catalog = JSON.parse(await readFile(path.join(dist, "catalog.json"), "utf8")) as Catalog;
  const server = createStaticServer(dist);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await publishSite({ catalog, distDir: dist, baseUrl: `${origin}/`, env: { SOURCE_DATE_EPOCH: PINNED_EPOCH } });
  return {
    dist,
    catalog,
    origin,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await rm(dist, { recursive: true, force: true });
    },
  };
}
