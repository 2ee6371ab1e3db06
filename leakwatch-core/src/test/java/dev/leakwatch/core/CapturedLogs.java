package dev.leakwatch.core;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a class logs while an action runs: {@code System.Logger} goes to
 * {@code java.util.logging} in these tests, so its records are captured rather than
 * printed.
 */
public final class CapturedLogs {

	private CapturedLogs() {
	}

	/**
	 * Runs {@code action}, adding what the logger of {@code source} logs meanwhile to
	 * {@code records}.
	 */
	public static <T> T capturing(Class<?> source, List<LogRecord> records, Supplier<T> action) {
		Logger logger = Logger.getLogger(source.getName());
		Handler capture = new Handler() {

			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		boolean useParentHandlers = logger.getUseParentHandlers();
		logger.addHandler(capture);
		logger.setUseParentHandlers(false);
		try {
			return action.get();
		}
		finally {
			logger.removeHandler(capture);
			logger.setUseParentHandlers(useParentHandlers);
		}
	}

}
