import { hash, verify } from '@node-rs/argon2';

// OWASP's minimum for argon2id (the library's default algorithm): 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Dutch message for a password that is too weak, or null when it is fine. */
export function passwordProblem(password: string, email = ''): string | null {
	if (password.length < MIN_PASSWORD_LENGTH)
		return `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`;
	if (password.length > 200) return 'Dat wachtwoord is te lang (maximaal 200 tekens).';
	if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0]!))
		return 'Je wachtwoord mag je e-mailadres niet bevatten.';
	if (new Set(password).size < 4) return 'Kies een wachtwoord met meer verschillende tekens.';
	return null;
}
