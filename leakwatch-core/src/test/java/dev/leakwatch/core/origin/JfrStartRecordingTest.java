package dev.leakwatch.core.origin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class JfrStartRecordingTest {

	@Test
	void aReadParsesOnlyWhenALiveThreadLacksItsSite() throws Exception {
		OriginTable table = new OriginTable(OriginSettings.defaults());
		CountDownLatch release = new CountDownLatch(1);
		try (JfrStartRecording starts = new JfrStartRecording(OriginSettings.defaults(), Duration.ofMinutes(1))) {
			starts.start();
			table.watching(ThreadIds.next());
			read(starts, table); // whatever else this JVM started meanwhile
			long parsed = starts.parsedReads();
			Thread ended = new Thread(() -> {
			});
			ended.start();
			ended.join();
			read(starts, table);
			assertThat(starts.parsedReads()).as("a read with only an ended thread to find").isEqualTo(parsed);
			Thread parked = startParked(release);
			read(starts, table);
			assertThat(starts.parsedReads()).isEqualTo(parsed + 1);
			assertStartedByStartParked(table, parked);
			// created before a read, started after it: its start is in the next read's
			// chunks
			Thread late = new Thread(() -> ThreadOriginsTest.awaitQuietly(release));
			read(starts, table);
			late.start();
			read(starts, table);
			assertThat(table.siteOf(late.getId())
				.hasFrame(JfrStartRecordingTest.class.getName(), "aReadParsesOnlyWhenALiveThreadLacksItsSite"))
				.isTrue();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aReadFindsTheStartsSinceTheLastOneWhileAnotherRecordingHoldsTheRecorder() throws Exception {
		OriginTable table = new OriginTable(OriginSettings.defaults());
		CountDownLatch release = new CountDownLatch(1);
		try (JfrStartRecording starts = new JfrStartRecording(OriginSettings.defaults(), Duration.ofMinutes(1));
				SlowChunkEnds slow = new SlowChunkEnds()) {
			starts.start();
			table.watching(ThreadIds.next());
			read(starts, table);
			Thread parked = startParked(release);
			// the chunk end of this read starts one of another recording, which holds
			// the recorder for a second while this read is under way
			slow.arm();
			read(starts, table);
			assertThat(slow.held()).isTrue();
			assertStartedByStartParked(table, parked);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aReadThatFailedLosesNoStart() throws Exception {
		OriginTable table = new OriginTable(OriginSettings.defaults());
		CountDownLatch release = new CountDownLatch(1);
		try (JfrStartRecording starts = new JfrStartRecording(OriginSettings.defaults(), Duration.ofMinutes(1))) {
			starts.start();
			table.watching(ThreadIds.next());
			read(starts, table);
			// the read cannot write its copy of the chunks there
			Files.createDirectory(starts.directory().resolve("starts.jfr"));
			Thread parked = startParked(release);
			assertThatIOException().isThrownBy(() -> read(starts, table));
			read(starts, table);
			assertStartedByStartParked(table, parked);
		}
		finally {
			release.countDown();
		}
	}

	/** A read as the reader makes it: what it settles is taken before. */
	private static void read(JfrStartRecording starts, OriginTable table) throws Exception {
		long settlesBelowId = ThreadIds.next();
		starts.readInto(table);
		table.delivered(settlesBelowId);
	}

	private static void assertStartedByStartParked(OriginTable table, Thread parked) {
		assertThat(table.siteOf(parked.getId()).hasFrame(JfrStartRecordingTest.class.getName(), "startParked"))
			.isTrue();
	}

	private static Thread startParked(CountDownLatch release) {
		Thread thread = new Thread(() -> ThreadOriginsTest.awaitQuietly(release));
		thread.start();
		return thread;
	}

	@Test
	void recordsThreadStartsWithStacksInARecordingThatFlushesOnlyFromJdk25(@TempDir Path directory) throws Exception {
		boolean flushes = Runtime.version().feature() >= 25;
		try (JfrStartRecording starts = new JfrStartRecording(OriginSettings.defaults(), Duration.ofMinutes(1))) {
			starts.start();
			assertThat(starts.isWithoutFlushes()).isNotEqualTo(flushes);
			List<Recording> own = FlightRecorder.getFlightRecorder()
				.getRecordings()
				.stream()
				.filter((recording) -> recording.getName().startsWith("leakwatch-created-by"))
				.toList();
			assertThat(own).hasSize(1);
			assertThat(own.get(0).getSettings())
				.isEqualTo(Map.of("jdk.ThreadStart#enabled", "true", "jdk.ThreadStart#stackTrace", "true"));
			// a recording that starts writes what every running one is, flush interval
			// included
			try (Recording user = new Recording()) {
				user.enable("jdk.ActiveRecording");
				user.start();
				user.stop();
				Path file = directory.resolve("user.jfr");
				user.dump(file);
				List<RecordedEvent> active = RecordingFile.readAllEvents(file)
					.stream()
					.filter((event) -> event.getEventType().getName().equals("jdk.ActiveRecording"))
					.filter((event) -> own.get(0).getName().equals(event.getString("name")))
					.toList();
				assertThat(active).isNotEmpty()
					.allSatisfy((event) -> assertThat(event.getDuration("flushInterval"))
						.isEqualTo(flushes ? Duration.ofSeconds(1) : Duration.ofDays(3650)));
			}
		}
		assertThat(FlightRecorder.getFlightRecorder().getRecordings())
			.noneMatch((recording) -> recording.getName().startsWith("leakwatch-created-by"));
	}

	/**
	 * A recording whose chunk ends, once armed, hold the recorder: the next chunk end
	 * makes it end one of its own, which runs a periodic hook that sleeps a second,
	 * holding the recorder's lock as the JDK runs every chunk-end hook.
	 */
	private static final class SlowChunkEnds implements AutoCloseable {

		private static final Duration HOLD = Duration.ofSeconds(1);

		private final Recording recording = new Recording();

		private final Runnable hook = this::chunkEnded;

		private final AtomicInteger state = new AtomicInteger();

		private final Thread ender = new Thread(this::endAChunk, "slow-chunk-end");

		private final CountDownLatch held = new CountDownLatch(1);

		SlowChunkEnds() {
			FlightRecorder.addPeriodicEvent(ChunkEnd.class, this.hook);
			this.recording.enable(ChunkEnd.class);
			this.recording.start();
		}

		void arm() {
			this.state.set(1);
		}

		/** Whether the recorder was held, waiting for it to end. */
		boolean held() throws InterruptedException {
			return this.held.await(30, TimeUnit.SECONDS);
		}

		private void chunkEnded() {
			if (Thread.currentThread() == this.ender) {
				if (this.state.compareAndSet(2, 3)) {
					sleepQuietly(HOLD);
					this.held.countDown();
				}
			}
			else if (this.state.compareAndSet(1, 2)) {
				this.ender.start();
			}
		}

		private void endAChunk() {
			this.recording.copy(true).close();
		}

		@Override
		public void close() throws InterruptedException {
			this.ender.join(TimeUnit.SECONDS.toMillis(30));
			this.recording.close();
			FlightRecorder.removePeriodicEvent(this.hook);
		}

		private static void sleepQuietly(Duration duration) {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@Name("leakwatch.test.ChunkEnd")
	@Period("endChunk")
	static final class ChunkEnd extends Event {

	}

}
