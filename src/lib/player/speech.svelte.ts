// Read-aloud with the browser's own Dutch voice (Web Speech API): nothing leaves the
// Chromebook. Where no Dutch voice exists the buttons stay, disabled, with a short
// explanation, and the teacher's class page says how to install one.

class Speech {
	voice = $state<SpeechSynthesisVoice | null>(null);
	/** True once the browser was asked for its voices (never on the server). */
	checked = $state(false);
	private started = false;

	/** Looks for a Dutch voice; voices often arrive a moment after the page loads. */
	init() {
		if (this.started || typeof window === 'undefined') return;
		this.started = true;
		this.checked = true;
		if (!('speechSynthesis' in window)) return;
		const pick = () => {
			const voices = window.speechSynthesis.getVoices();
			const lang = (v: SpeechSynthesisVoice) => v.lang.toLowerCase().replace('_', '-');
			this.voice =
				voices.find((v) => lang(v) === 'nl-nl') ??
				voices.find((v) => lang(v).startsWith('nl')) ??
				null;
		};
		pick();
		window.speechSynthesis.addEventListener('voiceschanged', pick);
	}

	get available() {
		return this.voice !== null;
	}

	/** Checked, and this device has no Dutch voice. */
	get missing() {
		return this.checked && this.voice === null;
	}

	speak(texts: string[]) {
		if (!this.voice) return;
		window.speechSynthesis.cancel();
		for (const text of texts.map((t) => t.trim()).filter(Boolean)) {
			const utterance = new SpeechSynthesisUtterance(text);
			utterance.voice = this.voice;
			utterance.lang = 'nl-NL';
			utterance.rate = 0.9;
			window.speechSynthesis.speak(utterance);
		}
	}

	stop() {
		if (this.started && 'speechSynthesis' in window) window.speechSynthesis.cancel();
	}
}

export const speech = new Speech();
