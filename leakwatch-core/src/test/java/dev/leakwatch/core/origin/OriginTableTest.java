package dev.leakwatch.core.origin;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table on its own, fed as the reader feeds it, with thread ids handed out by the
 * test: watching begins at 100.
 */
class OriginTableTest {

	private final OriginTable table = new OriginTable(OriginSettings.defaults().withMaxThreads(3).withMaxSites(2));

	@Test
	void everyThreadIsNotKnownYetUntilWatchingBegins() {
		assertThat(this.table.siteOf(1)).isEqualTo(CreationSite.NOT_YET_KNOWN);
		this.table.watching(100);
		assertThat(this.table.siteOf(1)).isEqualTo(CreationSite.BEFORE_LEAKWATCH);
	}

	@Test
	void aThreadWithoutAStartIsNotKnownYetUntilAReadThatBeganAfterItWasCreatedIsIn() {
		this.table.watching(100);
		assertThat(this.table.siteOf(110)).isEqualTo(CreationSite.NOT_YET_KNOWN);
		this.table.delivered(110);
		assertThat(this.table.siteOf(110)).isEqualTo(CreationSite.NOT_YET_KNOWN);
		this.table.delivered(120);
		assertThat(this.table.siteOf(110)).isEqualTo(CreationSite.UNKNOWN);
		assertThat(this.table.siteOf(120)).isEqualTo(CreationSite.NOT_YET_KNOWN);
	}

	@Test
	void threadsFromOneSiteShareOneInstanceWhichGoesWithTheLastOfThem() {
		this.table.watching(100);
		this.table.started(101, site("a.B.c:1"));
		this.table.started(102, site("a.B.c:1"));
		assertThat(this.table.siteOf(102)).isSameAs(this.table.siteOf(101)).isEqualTo(site("a.B.c:1"));
		assertThat(this.table.sites()).isEqualTo(1);
		this.table.ended(101);
		assertThat(this.table.sites()).isEqualTo(1);
		this.table.ended(102);
		assertThat(this.table.threads()).isZero();
		assertThat(this.table.sites()).isZero();
	}

	@Test
	void startsBeyondTheBoundsAreUnknownAndCounted() {
		this.table.watching(100);
		this.table.started(101, site("a.B.c:1"));
		this.table.started(102, site("a.B.d:2"));
		this.table.started(103, site("a.B.e:3"));
		this.table.started(104, site("a.B.c:1"));
		assertThat(this.table.siteOf(103)).isEqualTo(CreationSite.UNKNOWN);
		assertThat(this.table.siteOf(104)).isEqualTo(CreationSite.NOT_YET_KNOWN);
		assertThat(this.table.dropped()).isEqualTo(2);
		assertThat(this.table.sites()).isEqualTo(2);
	}

	@Test
	void endsOfThreadsStartedBeforeWatchingChangeNothing() {
		this.table.watching(100);
		this.table.started(101, site("a.B.c:1"));
		this.table.ended(7);
		assertThat(this.table.threads()).isEqualTo(1);
	}

	@Test
	void threadsThatAreNoLongerAliveAreForgottenWithTheirSites() {
		this.table.watching(100);
		this.table.started(101, site("a.B.c:1"));
		this.table.started(102, site("a.B.d:2"));
		this.table.retainLive(new long[] { 1, 102 });
		assertThat(this.table.siteOf(102)).isEqualTo(site("a.B.d:2"));
		assertThat(this.table.siteOf(101)).isEqualTo(CreationSite.NOT_YET_KNOWN);
		assertThat(this.table.threads()).isEqualTo(1);
		assertThat(this.table.sites()).isEqualTo(1);
	}

	private static CreationSite site(String frame) {
		return CreationSite.recorded(null, List.of(frame));
	}

}
