package dev.leakwatch.core.proof;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The private directories heap dumps are written to. A dump holds every secret in memory,
 * so each goes to a fresh directory only the process user can read, named
 * {@code leakwatch-proof-<pid>-<random>} so that a later start can tell its own leftovers
 * (from a crash) from the dumps of processes still running.
 */
final class DumpDirectories {

	static final String PREFIX = "leakwatch-proof-";

	private DumpDirectories() {
	}

	/**
	 * A fresh directory in {@code parent} that only the process user can read, write or
	 * list.
	 */
	static Path create(Path parent) throws IOException {
		String prefix = PREFIX + ProcessHandle.current().pid() + "-";
		if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return Files.createTempDirectory(parent, prefix,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		Path directory = Files.createTempDirectory(parent, prefix);
		File file = directory.toFile();
		// not POSIX (Windows): take access from everyone, then give it back to the owner
		// only
		boolean restricted = file.setReadable(false, false) & file.setReadable(true, true)
				& file.setWritable(false, false) & file.setWritable(true, true) & file.setExecutable(false, false)
				& file.setExecutable(true, true);
		if (!restricted) {
			delete(directory);
			throw new IOException("cannot restrict access to " + directory + " to the process user");
		}
		return directory;
	}

	/**
	 * Deletes {@code directory} and everything in it; symbolic links are deleted, never
	 * followed.
	 */
	static void delete(Path directory) throws IOException {
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(directory)) {
			paths = walk.sorted(Comparator.reverseOrder()).toList();
		}
		IOException failure = null;
		for (Path path : paths) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Deletes the dump directories in {@code parent} that the process user owns and that
	 * no running proof uses: those of processes that are gone, and this process's own
	 * when {@code ownInUse} is {@code false}.
	 * @param alive whether the process with that id still runs
	 * @return the directories deleted
	 */
	static List<Path> deleteLeftovers(Path parent, LongPredicate alive, boolean ownInUse) throws IOException {
		if (!Files.isDirectory(parent)) {
			return List.of();
		}
		long self = ProcessHandle.current().pid();
		UserPrincipal user;
		try {
			user = parent.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName(System.getProperty("user.name"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// no name for the process user (a container user without a passwd entry):
			// delete nothing
			return List.of();
		}
		List<Path> deleted = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
			for (Path entry : entries) {
				long pid = pidOf(entry.getFileName().toString());
				boolean leftover = (pid == self) ? !ownInUse : (pid > 0 && !alive.test(pid));
				if (leftover && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
						&& user.equals(Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS))) {
					delete(entry);
					deleted.add(entry);
				}
			}
		}
		return deleted;
	}

	/**
	 * The process id in a dump directory's name, or {@code -1} if the name is not one of
	 * ours.
	 */
	static long pidOf(String name) {
		int end = name.indexOf('-', PREFIX.length());
		if (!name.startsWith(PREFIX) || end < 0) {
			return -1;
		}
		try {
			return Long.parseLong(name.substring(PREFIX.length(), end));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
