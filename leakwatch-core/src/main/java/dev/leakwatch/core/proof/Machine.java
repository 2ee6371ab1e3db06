package dev.leakwatch.core.proof;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a proof asks of the JVM and the machine it runs on, before it dumps and before it
 * analyses.
 */
interface Machine {

	/** This JVM on this machine. */
	Machine LOCAL = new Machine() {

		@Override
		public long usedHeap() {
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

		@Override
		public long freeHeap() {
			MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
			return (heap.getMax() < 0) ? Long.MAX_VALUE : heap.getMax() - heap.getUsed();
		}

		@Override
		public long usableSpace(Path directory) {
			try {
				return Files.getFileStore(directory).getUsableSpace();
			}
			catch (IOException ex) {
				return 0;
			}
		}

	};

	/** The heap in use, garbage included. */
	long usedHeap();

	/** The heap that can still be allocated: the maximum heap less what is used. */
	long freeHeap();

	/** The bytes that can still be written to the file system of {@code directory}. */
	long usableSpace(Path directory);

}
