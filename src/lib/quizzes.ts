// The band quiz: taken as a voortoets (form a) before the lessons and a natoets (form b)
// after, so growth compares two parallel forms rather than the same questions twice.
export const QUIZ_KINDS = ['voortoets', 'natoets'] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];

export const QUIZ_KIND_LABELS: Record<QuizKind, string> = {
	voortoets: 'Voortoets',
	natoets: 'Natoets'
};

/** Which form of the band quiz each kind uses. */
export const QUIZ_FORM: Record<QuizKind, 'a' | 'b'> = { voortoets: 'a', natoets: 'b' };

export function isQuizKind(value: unknown): value is QuizKind {
	return (QUIZ_KINDS as readonly unknown[]).includes(value);
}
