#!/usr/bin/env node
// The `wawp-presence` command. A committed file rather than dist/cli.js itself, so that installing
// the workspace links the command before the first build, without pnpm warning that it is missing.
import "../dist/cli.js";
