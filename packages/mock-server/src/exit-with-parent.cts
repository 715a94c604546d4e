// Preloaded into Prism (`node --require`): Prism ends when the process that started it is gone,
// however it went. An exit hook cannot cover SIGKILL or a crash of the parent's runtime; a pipe
// can: the parent holds the write end of Prism's stdin, the kernel closes it when the parent dies,
// and stdin ends here. Prism itself never reads stdin.
process.stdin.once("end", () => process.exit(0));
process.stdin.once("error", () => process.exit(0));
process.stdin.resume();
