package dev.leakwatch.core.origin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The chunks of a recording file that ended after a point in time, found by their
 * headers: each chunk begins with its size, start and duration (in nanoseconds since the
 * epoch), and a chunk that a {@code Recording.copy(true)} finished ends exactly at that
 * copy's stop time. The recording API can only keep the chunks younger than an age
 * counted from the moment the recorder's lock is taken, so a read that asked for the
 * chunks since the last one lost the newest whenever another recording held the lock
 * longer than the time between the two reads; chunk times do not move.
 */
final class ChunkFile {

	/** The chunk header of format 2 (JDK 11 and later): magic, version, size, times. */
	private static final int HEADER_SIZE = 68;

	private static final int MAGIC = ('F' << 24) | ('L' << 16) | ('R' << 8);

	private static final int MAJOR_VERSION = 2;

	private static final int SIZE_POSITION = 8;

	private static final int START_NANOS_POSITION = 32;

	private static final int DURATION_NANOS_POSITION = 40;

	private ChunkFile() {
	}

	/**
	 * The chunks of {@code file} that ended after {@code after}: {@code file} itself when
	 * all of them did, otherwise {@code rest}, written with those chunks only.
	 * @throws IOException when the file ends inside a chunk, or its chunks are not of
	 * format 2
	 */
	static Path endingAfter(Path file, Instant after, Path rest) throws IOException {
		long afterNanos = Math.addExact(Math.multiplyExact(after.getEpochSecond(), 1_000_000_000L), after.getNano());
		try (FileChannel chunks = FileChannel.open(file, StandardOpenOption.READ)) {
			long offset = 0;
			long size = chunks.size();
			ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
			while (offset < size) {
				header.clear();
				if (chunks.read(header, offset) < HEADER_SIZE || header.getInt(0) != MAGIC
						|| header.getShort(4) != MAJOR_VERSION) {
					throw new IOException(
							"no chunk header of JFR format " + MAJOR_VERSION + " at byte " + offset + " of " + file);
				}
				if (header.getLong(START_NANOS_POSITION) + header.getLong(DURATION_NANOS_POSITION) > afterNanos) {
					break;
				}
				long chunkSize = header.getLong(SIZE_POSITION);
				if (chunkSize < HEADER_SIZE || chunkSize > size - offset) {
					throw new IOException("a chunk of " + chunkSize + " bytes at byte " + offset + " of " + file
							+ ", which has " + size);
				}
				offset += chunkSize;
			}
			if (offset == 0) {
				return file;
			}
			try (FileChannel kept = FileChannel.open(rest, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				for (long copied = offset; copied < size;) {
					copied += chunks.transferTo(copied, size - copied, kept);
				}
			}
			return rest;
		}
	}

}
