// The one place that names the Prism mock's package, so moving it is a one-line change.
export { startPrism, type PrismServer } from "@wawp/mock-server";
