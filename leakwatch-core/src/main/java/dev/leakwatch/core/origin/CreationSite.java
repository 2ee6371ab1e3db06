package dev.leakwatch.core.origin;

import java.util.List;
import java.util.Objects;

/**
 * Where a thread was started: the first application frames of the stack that called
 * {@code Thread.start()}, below the JDK's and thread pools' own frames, as Go's
 * {@code created by} line says. Small and immutable; equal sites are one site, so threads
 * can be grouped by it. Four kinds of answer: a {@linkplain Kind#RECORDED recorded} site,
 * or one of the constants {@link #BEFORE_LEAKWATCH}, {@link #NOT_YET_KNOWN} and
 * {@link #UNKNOWN}.
 *
 * @param kind what is known about the thread's start
 * @param via the JDK or pool method the application called to start the thread, as
 * {@code class.method:line}
 * ({@code java.util.concurrent.ThreadPoolExecutor.execute:1357}), or {@code null} when
 * the application called {@code Thread.start()} itself or nothing is known
 * @param frames the application frames, innermost first, as {@code class.method:line};
 * empty unless recorded
 */
public record CreationSite(Kind kind, String via, List<String> frames) {

	/** A thread that was already running when leakwatch started watching. */
	public static final CreationSite BEFORE_LEAKWATCH = new CreationSite(Kind.BEFORE_LEAKWATCH, null, List.of());

	/**
	 * A thread started so recently that its start has not been delivered yet (the JDK's
	 * Flight Recorder delivers events about once a second); asked again a few seconds
	 * later, it has its site.
	 */
	public static final CreationSite NOT_YET_KNOWN = new CreationSite(Kind.NOT_YET_KNOWN, null, List.of());

	/**
	 * A thread whose start was not recorded: a virtual thread (the JDK records no
	 * starting stack for them), a thread started while its site could not be kept (the
	 * bounds of {@link OriginSettings}), or asked for while nothing watches.
	 */
	public static final CreationSite UNKNOWN = new CreationSite(Kind.UNKNOWN, null, List.of());

	public CreationSite {
		Objects.requireNonNull(kind, "kind");
		frames = List.copyOf(frames);
		if (kind == Kind.RECORDED && frames.isEmpty()) {
			throw new IllegalArgumentException("A recorded site needs a frame");
		}
		if (kind != Kind.RECORDED && (via != null || !frames.isEmpty())) {
			throw new IllegalArgumentException("A " + kind + " site has no frames, was given " + via + " " + frames);
		}
	}

	/** A recorded site. */
	public static CreationSite recorded(String via, List<String> frames) {
		return new CreationSite(Kind.RECORDED, via, frames);
	}

	/** Whether any of its frames, or its {@code via}, is {@code className.methodName}. */
	public boolean hasFrame(String className, String methodName) {
		String prefix = className + "." + methodName;
		if (isFrame(this.via, prefix)) {
			return true;
		}
		for (String frame : this.frames) {
			if (isFrame(frame, prefix)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isFrame(String frame, String prefix) {
		return frame != null && frame.startsWith(prefix)
				&& (frame.length() == prefix.length() || frame.charAt(prefix.length()) == ':');
	}

	/**
	 * The line reports show, as Go's dumps do:
	 * {@code created by com.example.Jobs.start:12 via
	 * java.util.concurrent.ThreadPoolExecutor.execute:1357}, or
	 * {@code created by (before leakwatch started)}. The site's other frames go below it.
	 */
	public String createdByLine() {
		if (this.kind != Kind.RECORDED) {
			return "created by (" + this + ")";
		}
		return "created by " + this + ((this.via != null) ? " via " + this.via : "");
	}

	/**
	 * The first application frame, or the kind for a site that is not recorded, as a
	 * report shows it.
	 */
	@Override
	public String toString() {
		return switch (this.kind) {
			case RECORDED -> this.frames.get(0);
			case BEFORE_LEAKWATCH -> "before leakwatch started";
			case NOT_YET_KNOWN -> "not known yet";
			case UNKNOWN -> "unknown";
		};
	}

	/** What is known about a thread's start. */
	public enum Kind {

		/** The site was recorded when the thread started. */
		RECORDED,

		/** The thread was running before leakwatch started watching. */
		BEFORE_LEAKWATCH,

		/**
		 * The thread started after leakwatch started, and its start has not been
		 * delivered yet.
		 */
		NOT_YET_KNOWN,

		/** The thread's start was not recorded. */
		UNKNOWN

	}

}
