// 500 subscribes, 50 in flight, against the local fault server: every call accounted for once.
import { defineLoadSuite } from "@wawp/contract-harness";
import { presenceClient } from "./adapter.js";

defineLoadSuite(presenceClient);
