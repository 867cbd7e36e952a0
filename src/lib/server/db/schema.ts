// Kysely table types. Times are Unix milliseconds (INTEGER); booleans are 0/1.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Band } from '../../lessons/schema.ts';
import type { LoginTheme } from '../../pictures.ts';

export type Role = 'teacher' | 'admin' | 'parent';

export interface FoundationTable {
	id: Generated<number>;
	name: string;
	created_at: number;
}

export interface SchoolTable {
	id: Generated<number>;
	foundation_id: number;
	name: string;
	/** Which protocol's rules the lessons show ("Op jouw school"). */
	protocol_id: string;
	/** Who parents and pupils turn to with social-media questions. */
	contact_point: string | null;
	created_at: number;
}

export interface UserTable {
	id: Generated<number>;
	email: string;
	name: string;
	password_hash: string;
	role: Role;
	school_id: number | null;
	created_at: number;
}

export interface SessionTable {
	/** SHA-256 of the token in the cookie, hex. The token itself is never stored. */
	id: string;
	user_id: number | null;
	pupil_id: number | null;
	expires_at: number;
	created_at: number;
}

export interface ClassTable {
	id: Generated<number>;
	school_id: number;
	name: string;
	school_year: string;
	band: Band;
	/** Unguessable token in the class login link. */
	login_token: string;
	read_aloud: ColumnType<number, number | undefined, number>;
	/** Which pictures the class logs in with (`LOGIN_THEMES` in lib/pictures.ts). */
	login_theme: ColumnType<LoginTheme, LoginTheme | undefined, LoginTheme>;
	archived_at: number | null;
	created_at: number;
}

export interface ClassTeacherTable {
	class_id: number;
	user_id: number;
}

export interface PupilTable {
	id: Generated<number>;
	class_id: number;
	/** First name and initial of the last name only. */
	display_name: string;
	avatar: string;
	/** Comma-separated picture names, in order. Printed on the login card, so kept readable. */
	picture_code: string;
	failed_attempts: ColumnType<number, number | undefined, number>;
	locked_at: number | null;
	created_at: number;
}

export interface ParentPupilTable {
	parent_id: number;
	pupil_id: number;
	created_at: number;
}

export interface KoppelcodeTable {
	id: Generated<number>;
	code: string;
	pupil_id: number;
	created_by: number | null;
	created_at: number;
	expires_at: number;
	used_at: number | null;
	used_by: number | null;
}

export interface AssignmentTable {
	class_id: number;
	lesson_id: string;
	assigned_by: number | null;
	assigned_at: number;
	/** The ISO week it is meant for ("2026-W48"), or null for "whenever". */
	week: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AnswerTable {
	id: Generated<number>;
	/** Made by the browser (or the form) per answer, so a retried submission is stored once. */
	client_id: string;
	pupil_id: number;
	lesson_id: string;
	lesson_version: string;
	step_id: string;
	/** JSON of the pupil's choice: an option id, a list of ids, or a mapping. */
	choice: string;
	correct: number;
	/** 1 for the first try at this step; the score uses only first tries. Unique per pupil,
	 * lesson and step (index answer_attempt_once). */
	attempt: number;
	created_at: number;
}

export interface LessonProgressTable {
	pupil_id: number;
	lesson_id: string;
	lesson_version: string;
	/** Index of the step the pupil is on. */
	step_index: number;
	started_at: number;
	completed_at: number | null;
	updated_at: number;
}

import type { QuizKind } from '../../quizzes.ts';
export type { QuizKind };

/** A band quiz taken before (voortoets) or after (natoets) the lessons, one row per pupil and
 * kind; its answers are rows of quiz_answer. `quiz_id` is the form the pupil took. */
export interface QuizAttemptTable {
	id: Generated<number>;
	pupil_id: number;
	quiz_id: string;
	kind: QuizKind;
	quiz_version: string;
	started_at: number;
	completed_at: number | null;
	questions: number;
}

/** One question of a quiz attempt: one try per question, so no attempt number. */
export interface QuizAnswerTable {
	id: Generated<number>;
	client_id: string;
	attempt_id: number;
	question_id: string;
	/** JSON of the pupil's choice, as in `answer`. */
	choice: string;
	correct: number;
	created_at: number;
}

/** The voortoets or natoets of the class's band, set by a teacher. */
export interface QuizAssignmentTable {
	class_id: number;
	kind: QuizKind;
	assigned_by: number | null;
	assigned_at: number;
	week: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TeacherInviteTable {
	id: Generated<number>;
	school_id: number;
	/** SHA-256 of the token in the invite link, hex. The token itself is never stored. */
	token_hash: string;
	email: string;
	created_by: number | null;
	created_at: number;
	expires_at: number;
	used_at: number | null;
}

export interface LoginAttemptTable {
	id: Generated<number>;
	/** "pupil:<id>" or "email:<address>". */
	subject: string;
	address: string;
	success: number;
	created_at: number;
}

export interface DeletionRequestTable {
	id: Generated<number>;
	school_id: number;
	/** Null once the pupil is deleted: the request stays as proof it was carried out. */
	pupil_id: number | null;
	/** The class at the time of the request, so a handled request still says where it was. */
	class_name: string;
	requested_by: number | null;
	requested_at: number;
	completed_at: number | null;
	completed_by: number | null;
}

/** A school's (school_id) or foundation's (foundation_id) own protocol, edited in the app. */
export interface ProtocolTable {
	id: Generated<number>;
	school_id: number | null;
	foundation_id: number | null;
	/** The foundation protocol this school protocol adopts, extends and overrides. */
	base_id: number | null;
	/** The id it has as YAML (export/import). */
	slug: string;
	name: string;
	description: string;
	document: string;
	/** Null while a draft: the school keeps its file protocol (school.protocol_id) until then. */
	live_at: number | null;
	created_at: number;
	updated_at: number;
}

/** One version of one rule, never rewritten: an edit is a new row with the next version. */
export interface ProtocolRuleTable {
	id: Generated<number>;
	protocol_id: number;
	/** Stable over versions; in a school protocol, a foundation rule's id overrides that rule. */
	rule_id: string;
	version: number;
	topic: string;
	source: string;
	/** JSON array of bands. */
	bands: string;
	text: string;
	/** JSON object band -> text, or null. */
	text_by_band: string | null;
	/** JSON object band -> reason, or null. */
	not_applicable: string | null;
	position: number;
	retired: ColumnType<number, number | undefined, number>;
	created_by: number | null;
	created_at: number;
}

export interface Database {
	foundation: FoundationTable;
	school: SchoolTable;
	user: UserTable;
	session: SessionTable;
	class: ClassTable;
	class_teacher: ClassTeacherTable;
	pupil: PupilTable;
	parent_pupil: ParentPupilTable;
	koppelcode: KoppelcodeTable;
	assignment: AssignmentTable;
	answer: AnswerTable;
	lesson_progress: LessonProgressTable;
	login_attempt: LoginAttemptTable;
	quiz_attempt: QuizAttemptTable;
	quiz_answer: QuizAnswerTable;
	quiz_assignment: QuizAssignmentTable;
	deletion_request: DeletionRequestTable;
	teacher_invite: TeacherInviteTable;
	protocol: ProtocolTable;
	protocol_rule: ProtocolRuleTable;
}

export type User = Selectable<UserTable>;
export type Pupil = Selectable<PupilTable>;
export type Class = Selectable<ClassTable>;
export type NewAnswer = Insertable<AnswerTable>;
