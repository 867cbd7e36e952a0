// What the browser may know of a step before the pupil answers: no right answers, no feedback.
import type { Step } from './schema.ts';

interface ChoiceQuestion {
	id: string;
	picture?: string;
	situation?: string;
	question: string;
	options: { id: string; text: string }[];
}

export type PublicStep =
	| { type: 'uitleg'; id: string; picture?: string; title: string; text: string }
	| (ChoiceQuestion & { type: 'scenario' })
	| (ChoiceQuestion & { type: 'meerkeuze' })
	| { type: 'waar-niet-waar'; id: string; picture?: string; situation?: string; statement: string }
	| {
			type: 'sorteer';
			id: string;
			picture?: string;
			instruction: string;
			bins: { id: string; label: string }[];
			items: { id: string; text: string }[];
	  }
	| { type: 'denk-na'; id: string; picture?: string; situation: string; post: string }
	| { type: 'reflectie'; id: string; picture?: string; question: string; hint?: string }
	| {
			type: 'op-jouw-school';
			id: string;
			picture?: string;
			intro?: string;
			topicLabel: string;
			protocolName: string;
			rules: string[];
	  }
	| { type: 'afsluiting'; id: string; picture?: string; title?: string; summary: string[] };

export interface SchoolRulesCard {
	topicLabel: string;
	protocolName: string;
	rules: string[];
}

export function publicStep(step: Step, schoolRules?: SchoolRulesCard): PublicStep {
	const base = { id: step.id, ...(step.picture ? { picture: step.picture } : {}) };
	switch (step.type) {
		case 'uitleg':
			return { ...base, type: step.type, title: step.title, text: step.text };
		case 'scenario':
		case 'meerkeuze':
			return {
				...base,
				type: step.type,
				situation: step.situation,
				question: step.question,
				options: step.options.map((o) => ({ id: o.id, text: o.text }))
			};
		case 'waar-niet-waar':
			return { ...base, type: step.type, situation: step.situation, statement: step.statement };
		case 'sorteer':
			return {
				...base,
				type: step.type,
				instruction: step.instruction,
				bins: step.bins,
				items: step.items.map((i) => ({ id: i.id, text: i.text }))
			};
		case 'denk-na':
			return { ...base, type: step.type, situation: step.situation, post: step.post };
		case 'reflectie':
			return { ...base, type: step.type, question: step.question, hint: step.hint };
		case 'op-jouw-school':
			return {
				...base,
				type: step.type,
				intro: step.intro,
				topicLabel: schoolRules?.topicLabel ?? '',
				protocolName: schoolRules?.protocolName ?? '',
				rules: schoolRules?.rules ?? []
			};
		case 'afsluiting':
			return { ...base, type: step.type, title: step.title, summary: step.summary };
	}
}
