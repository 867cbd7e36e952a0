import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		rollupOptions: {
			// Fewer, larger chunks: each request costs a round trip and headers on school Wi-Fi.
			output: { experimentalMinChunkSize: 20_000 }
		}
	},
	test: {
		// Integration and e2e tests start real servers on this 2-core machine: one file at a time.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000,
		include: ['tests/**/*.test.ts'],
		reporters: ['default', './tests/helpers/summary-reporter.ts'],
		server: { deps: { external: ['better-sqlite3', '@node-rs/argon2'] } }
	}
});
