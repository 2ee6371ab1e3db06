package dev.leakwatch.autoconfigure.event;

import dev.leakwatch.core.report.Suspect;

import org.springframework.context.ApplicationEvent;

/**
 * Published once when a leak suspect appears in leakwatch's background samples
 * ({@link #appeared()}) and once when it clears, so that an application can page, or take
 * a dump, from code.
 */
public class LeakSuspectEvent extends ApplicationEvent {

	private final Suspect suspect;

	private final boolean appeared;

	public LeakSuspectEvent(Object source, Suspect suspect, boolean appeared) {
		super(source);
		this.suspect = suspect;
		this.appeared = appeared;
	}

	/** The suspect: when it appeared, as first seen; when it cleared, as last seen. */
	public Suspect getSuspect() {
		return this.suspect;
	}

	/** {@code true} when the suspect appeared, {@code false} when it cleared. */
	public boolean appeared() {
		return this.appeared;
	}

}
