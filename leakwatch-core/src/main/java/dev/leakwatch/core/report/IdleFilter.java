package dev.leakwatch.core.report;

/**
 * An idle-thread filter the detector applies: threads it matches wait by design and are
 * never suspects.
 *
 * @param name what it recognises, e.g. {@code idle pool worker} or
 * {@code frame com.example.Pool#housekeep}
 * @param origin where it came from, its kind first: {@code default},
 * {@code property leakwatch.idle.frames}, {@code bean ordersHousekeeper},
 * {@code provider com.example.PoolFilters} or {@code code}
 */
public record IdleFilter(String name, String origin) {

	/**
	 * The first word of the origin: {@code default}, {@code property}, {@code bean},
	 * {@code provider}, ...
	 */
	public String originKind() {
		int space = this.origin.indexOf(' ');
		return (space >= 0) ? this.origin.substring(0, space) : this.origin;
	}

}
