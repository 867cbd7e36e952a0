// Every activity's Player.svelte, found by its folder name: a new activity type needs no line
// here. Kept apart from index.ts so that server-only tools (tsx scripts) never load Svelte.
import type { Component } from 'svelte';
import type { StepType } from './index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const modules = import.meta.glob<{ default: Component<any> }>('./*/Player.svelte', {
	eager: true
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const players = Object.fromEntries(
	Object.entries(modules).map(([path, module]) => [path.split('/')[1], module.default])
) as Record<StepType, Component<any>>;
