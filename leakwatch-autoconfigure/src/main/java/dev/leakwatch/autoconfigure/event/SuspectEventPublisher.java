package dev.leakwatch.autoconfigure.event;

import dev.leakwatch.core.detect.SuspectListener;
import dev.leakwatch.core.report.Suspect;

import org.springframework.context.ApplicationEventPublisher;

/** Publishes a {@link LeakSuspectEvent} for each suspect that appears or clears. */
public final class SuspectEventPublisher implements SuspectListener {

	private final ApplicationEventPublisher publisher;

	public SuspectEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void appeared(Suspect suspect) {
		this.publisher.publishEvent(new LeakSuspectEvent(this, suspect, true));
	}

	@Override
	public void cleared(Suspect suspect) {
		this.publisher.publishEvent(new LeakSuspectEvent(this, suspect, false));
	}

}
