import type { Session, SessionPupil, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			session: Session | null;
			user: SessionUser | null;
			pupil: SessionPupil | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
