// The embedded mock of the WAWP API, used when no credentials are set (as `pnpm start` does).
// Its one import lives here so moving the mock is a one-line change.
export { startPrism as startMockServer, type PrismServer as MockServer } from "@wawp/mock-server";
