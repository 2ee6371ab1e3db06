package dev.leakwatch.core.origin;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** Against real chunks: those a recording's copies end. */
class ChunkFileTest {

	@Test
	void keepsExactlyTheChunksThatEndedAfterACopysStop(@TempDir Path directory) throws Exception {
		try (Recording recording = new Recording()) {
			recording.enable(JfrStartRecording.THREAD_START).withStackTrace();
			recording.start();
			Instant firstStop = endAChunkAfterAThreadStart(recording);
			startAndJoin("second");
			try (Recording copy = recording.copy(true)) {
				Path file = directory.resolve("all.jfr");
				copy.dump(file);
				Path rest = directory.resolve("rest.jfr");
				assertThat(ChunkFile.endingAfter(file, recording.getStartTime(), rest)).isEqualTo(file);
				assertThat(ChunkFile.endingAfter(file, firstStop, rest)).isEqualTo(rest);
				assertThat(startedThreads(file)).contains("first", "second");
				assertThat(startedThreads(rest)).contains("second").doesNotContain("first");
				assertThatIOException().isThrownBy(() -> ChunkFile.endingAfter(file, copy.getStopTime(), rest))
					.withMessageContaining("no chunk of " + file + " ended after");
			}
		}
	}

	@Test
	void aFileThatEndsInsideAChunkOrIsNoRecordingIsAnError(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("all.jfr");
		try (Recording recording = new Recording()) {
			recording.enable(JfrStartRecording.THREAD_START);
			recording.start();
			endAChunkAfterAThreadStart(recording);
			recording.stop();
			recording.dump(file);
		}
		Path rest = directory.resolve("rest.jfr");
		try (FileChannel truncated = FileChannel.open(file, StandardOpenOption.WRITE)) {
			truncated.truncate(truncated.size() - 1);
		}
		assertThatIOException().isThrownBy(() -> ChunkFile.endingAfter(file, Instant.EPOCH, rest))
			.withMessageContaining("bytes at byte");
		Files.writeString(file, "not a recording, but longer than a chunk header of 68 bytes would be, to be sure");
		assertThatIOException().isThrownBy(() -> ChunkFile.endingAfter(file, Instant.EPOCH, rest))
			.withMessage("no chunk header of JFR format 2 at byte 0 of " + file);
	}

	private static Instant endAChunkAfterAThreadStart(Recording recording) throws InterruptedException {
		startAndJoin("first");
		try (Recording copy = recording.copy(true)) {
			return copy.getStopTime();
		}
	}

	private static void startAndJoin(String name) throws InterruptedException {
		Thread thread = new Thread(() -> {
		}, name);
		thread.start();
		thread.join();
	}

	private static List<String> startedThreads(Path file) throws IOException {
		return RecordingFile.readAllEvents(file)
			.stream()
			.filter((event) -> event.getEventType().getName().equals(JfrStartRecording.THREAD_START))
			.map((RecordedEvent event) -> event.getThread("thread").getJavaName())
			.toList();
	}

}
