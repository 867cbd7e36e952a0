// Every activity's Player.svelte, found by its folder name: a new activity type needs no line
// here. Kept apart from index.ts so that server-only tools (tsx scripts) never load Svelte.
import type { Component } from 'svelte';
import type { StepType } from './index.ts';

// Each Player takes its own step type; the lesson page hands it the step of that type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPlayer = Component<any>;

const modules = import.meta.glob<{ default: AnyPlayer }>('./*/Player.svelte', { eager: true });

export const players = Object.fromEntries(
	Object.entries(modules).map(([path, module]) => [path.split('/')[1], module.default])
) as Record<StepType, AnyPlayer>;
