// `@wawp/presence-client/testing`: a mock fetch that answers from the spec's examples, for your own tests.
// A separate entry point: importing the client does not load it.
export { createMockFetch, type DocumentedContentType, type DocumentedStatus, type MockFetch, type MockStep, type RecordedRequest } from "@wawp/presence-core/testing";
