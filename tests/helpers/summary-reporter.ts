// Ends the test output with one plain line, "N passed, N failed, N skipped", that CI and
// people can read without colours.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>) {
		const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
		for (const mod of modules) {
			for (const test of mod.children.allTests()) count[test.result().state]++;
			if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) count.failed++;
		}
		console.log(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
	}
}
