// Everything on a step in reading order: what "Lees voor" reads, and what is read
// automatically for groep 3-4.
import { DENK_NA_QUESTIONS } from '../lessons/schema.ts';
import type { PublicStep } from '../lessons/public.ts';
import type { Feedback } from '../lessons/scoring.ts';

export function stepTexts(step: PublicStep, feedback: Feedback | null = null): string[] {
	const texts: string[] = (() => {
		switch (step.type) {
			case 'uitleg':
				return [step.title, step.text];
			case 'scenario':
			case 'meerkeuze':
				return [step.situation ?? '', step.question, ...step.options.map((o) => o.text)];
			case 'waar-niet-waar':
				return [step.situation ?? '', step.statement, 'Is dat waar, of niet waar?'];
			case 'sorteer':
				return [step.instruction, ...step.items.map((i) => i.text)];
			case 'denk-na':
				return [step.situation, step.post, ...DENK_NA_QUESTIONS.map((q) => q.label)];
			case 'reflectie':
				return [step.question, step.hint ?? ''];
			case 'op-jouw-school':
				return [`Op jouw school: ${step.topicLabel}.`, step.intro ?? '', ...step.rules];
			case 'afsluiting':
				return [step.title ?? 'Goed gedaan!', ...step.summary];
		}
	})();
	const said = feedback
		? feedback.lines.map((l) => (l.label ? `${l.label}: ${l.text}` : l.text))
		: [];
	return [...texts, ...said].filter(Boolean);
}
