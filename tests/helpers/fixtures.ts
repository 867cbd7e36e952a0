import type { DB } from '../../src/lib/server/db/index.ts';
import { displayNameFromLine } from '../../src/lib/server/names.ts';
import { addPupils, assignLesson, createClass } from '../../src/lib/server/classes.ts';
import { setupSchool } from '../../src/lib/server/schools.ts';
import { createUser } from '../../src/lib/server/users.ts';
import { createKoppelcode, linkChild } from '../../src/lib/server/parents.ts';
import type { Band } from '../../src/lib/lessons/schema.ts';

export const PASSWORD = 'correct-horse-battery';

export interface SchoolFixture {
	schoolId: number;
	admin: { id: number; email: string };
	teacherA: { id: number; email: string };
	teacherB: { id: number; email: string };
	parent: { id: number; email: string };
	classA: { id: number; token: string; pupils: { id: number; name: string; code: string[] }[] };
	classB: { id: number; token: string; pupils: { id: number; name: string; code: string[] }[] };
}

async function classWithPupils(
	db: DB,
	schoolId: number,
	teacherId: number,
	name: string,
	band: Band,
	names: string[]
) {
	const id = await createClass(db, { schoolId, teacherId, name, band });
	await addPupils(
		db,
		id,
		names.map((n) => displayNameFromLine(n)!)
	);
	const { login_token } = await db
		.selectFrom('class')
		.select('login_token')
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const pupils = await db
		.selectFrom('pupil')
		.select(['id', 'display_name', 'picture_code'])
		.where('class_id', '=', id)
		.orderBy('id')
		.execute();
	return {
		id,
		token: login_token,
		pupils: pupils.map((p) => ({ id: p.id, name: p.display_name, code: p.picture_code.split(',') }))
	};
}

/** One school with an admin, two teachers with a class each, and a parent of one pupil in class A. */
export async function seedSchool(
	db: DB,
	opts: { lessonA?: string; bandA?: Band; tag?: string } = {}
): Promise<SchoolFixture> {
	const tag = opts.tag ?? 'a';
	const { schoolId, adminId } = await setupSchool(db, {
		foundation: 'Stichting Test',
		school: `School ${tag}`,
		adminName: 'Beheer',
		email: `admin-${tag}@school.test`,
		password: PASSWORD,
		protocolId: 'juliana'
	});
	const teacherA = await createUser(db, {
		email: `juf-${tag}@school.test`,
		name: 'Juf A',
		password: PASSWORD,
		role: 'teacher',
		schoolId
	});
	const teacherB = await createUser(db, {
		email: `meester-${tag}@school.test`,
		name: 'Meester B',
		password: PASSWORD,
		role: 'teacher',
		schoolId
	});
	const parent = await createUser(db, {
		email: `ouder-${tag}@thuis.test`,
		name: 'Ouder',
		password: PASSWORD,
		role: 'parent',
		schoolId: null
	});
	const classA = await classWithPupils(
		db,
		schoolId,
		teacherA,
		'Groep 5a',
		opts.bandA ?? 'groep-5-6',
		['Emma de Vries', 'Noah Jansen', 'Aya El Amrani']
	);
	const classB = await classWithPupils(db, schoolId, teacherB, 'Groep 5b', 'groep-5-6', [
		'Sem Bakker',
		'Mila Visser'
	]);
	if (opts.lessonA) await assignLesson(db, classA.id, opts.lessonA, teacherA);
	const { code } = await createKoppelcode(db, classA.pupils[0]!.id, teacherA);
	await linkChild(db, parent, code, '127.0.0.1');
	return {
		schoolId,
		admin: { id: adminId, email: `admin-${tag}@school.test` },
		teacherA: { id: teacherA, email: `juf-${tag}@school.test` },
		teacherB: { id: teacherB, email: `meester-${tag}@school.test` },
		parent: { id: parent, email: `ouder-${tag}@thuis.test` },
		classA,
		classB
	};
}
