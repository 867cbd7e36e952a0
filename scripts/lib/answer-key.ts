// The right answer to a scored step, and typical wrong ones: used by the demo data, the
// benchmarks and the tests that play a lesson from start to end.
import { DENK_NA_QUESTIONS, type ScoredStep } from '../../src/lib/lessons/schema.ts';
import type { Choice } from '../../src/lib/lessons/scoring.ts';

export function rightChoice(step: ScoredStep): Choice {
	switch (step.type) {
		case 'scenario':
			return { type: 'scenario', option: step.options.find((o) => o.correct)!.id };
		case 'meerkeuze':
			return { type: 'meerkeuze', options: step.options.filter((o) => o.correct).map((o) => o.id) };
		case 'waar-niet-waar':
			return { type: 'waar-niet-waar', value: step.answer };
		case 'sorteer':
			return {
				type: 'sorteer',
				placement: Object.fromEntries(step.items.map((i) => [i.id, i.bin]))
			};
		case 'denk-na':
			return {
				type: 'denk-na',
				decision: step.decision,
				checks: Object.fromEntries(DENK_NA_QUESTIONS.map((q) => [q.id, step.checks[q.id].answer]))
			};
	}
}

export function wrongChoices(step: ScoredStep): Choice[] {
	switch (step.type) {
		case 'scenario':
			return step.options
				.filter((o) => !o.correct)
				.map((o) => ({ type: 'scenario', option: o.id }));
		case 'meerkeuze': {
			const right = step.options.filter((o) => o.correct).map((o) => o.id);
			return step.options
				.filter((o) => !o.correct)
				.map((o) => ({ type: 'meerkeuze', options: [...right, o.id] }));
		}
		case 'waar-niet-waar':
			return [{ type: 'waar-niet-waar', value: !step.answer }];
		case 'sorteer': {
			const other = (bin: string) => step.bins.find((b) => b.id !== bin)!.id;
			return step.items.map((wrong) => ({
				type: 'sorteer',
				placement: Object.fromEntries(
					step.items.map((i) => [i.id, i === wrong ? other(i.bin) : i.bin])
				)
			}));
		}
		case 'denk-na':
			return [
				{
					type: 'denk-na',
					decision: step.decision === 'plaatsen' ? 'niet-plaatsen' : 'plaatsen',
					checks: {}
				}
			];
	}
}
