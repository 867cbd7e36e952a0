import os from 'node:os';

/**
 * The addresses other computers on the school network can use, e.g. http://192.168.1.20:3000.
 * @param {string | number} port
 * @returns {string[]}
 */
export function lanUrls(port) {
	return Object.values(os.networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => `http://${a?.address}:${port}`);
}
