package dev.leakwatch.core.origin;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartReaderTest {

	/** The recorder's first start in a JVM takes seconds, more on a loaded machine. */
	private static final Duration DELIVERY = Duration.ofSeconds(60);

	@Test
	@SuppressWarnings("deprecation")
	void aReadThatFailedWhileWaitedForIsTriedAgainWithinSeconds() throws Exception {
		OriginTable table = new OriginTable(OriginSettings.defaults());
		CountDownLatch release = new CountDownLatch(1);
		try (StartReader reader = new StartReader(OriginSettings.defaults(), table)) {
			reader.start();
			assertThat(reader.awaitRead(DELIVERY.toNanos())).isTrue();
			// the next read cannot write its copy of the chunks there, and removes it
			Files.createDirectory(reader.directory().resolve("starts.jfr"));
			Thread parked = new Thread(() -> ThreadOriginsTest.awaitQuietly(release), "parked");
			parked.start();
			// the next interval in which threads started would otherwise end the wait
			assertThat(reader.awaitRead(StartReader.INTERVAL.dividedBy(2).toNanos())).isTrue();
			assertThat(table.siteOf(parked.getId()).frames().get(0))
				.startsWith(StartReaderTest.class.getName() + ".aReadThatFailedWhileWaitedFor");
		}
		finally {
			release.countDown();
		}
	}

}
