package org.chartecookies.records;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A throw-away PostgreSQL cluster of Debian's {@code postgresql} package, for the tests: its own folder under the
 * temporary directory, its own port on 127.0.0.1, trust authentication, no fsync. PostgreSQL refuses to run as root,
 * so as root (CI) its commands run as the {@code postgres} user the package creates. Without the package the tests
 * that need it are skipped, unless {@code CI=true} or {@code -Dpostgres.required=true}: then they fail.
 */
public final class PostgresCluster implements AutoCloseable {

	public static final String USER = "charte";

	private final Path bin;

	private final Path folder;

	private final Path data;

	private final int port;

	private final boolean asPostgresUser;

	private PostgresCluster(Path bin, Path folder, int port, boolean asPostgresUser) {
		this.bin = bin;
		this.folder = folder;
		this.data = folder.resolve("data");
		this.port = port;
		this.asPostgresUser = asPostgresUser;
	}

	/** A new cluster, initialised and started; skips the test (or fails on CI) without PostgreSQL. */
	public static PostgresCluster start() {
		Path bin = binaries();
		if (bin == null) {
			String message = "PostgreSQL is not installed (apt-get install -y postgresql): test skipped";
			if (Boolean.getBoolean("postgres.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message.replace("test skipped", "required on CI"));
			}
			Assumptions.abort(message);
		}
		try {
			Path folder = Files.createTempDirectory("charte-postgres-");
			boolean root = "root".equals(System.getProperty("user.name"));
			if (root) {
				run(List.of("chown", "postgres:postgres", folder.toString()), folder);
			}
			PostgresCluster cluster = new PostgresCluster(bin, folder, freePortBelowTheEphemeralRange(), root);
			cluster.command("initdb", "--no-sync", "--auth=trust", "--username=" + USER, "--encoding=UTF8",
					"--no-locale", "-D", cluster.data.toString());
			cluster.startServer();
			return cluster;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A free port under Linux's ephemeral range (32768 and up): the tests stop and start the server on the same port,
	 * and meanwhile a port of that range can be taken by any outgoing connection on the machine (it was, once, on a
	 * busy CI machine: the server could not start again).
	 */
	private static int freePortBelowTheEphemeralRange() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
			try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
					java.net.InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// Taken: another.
			}
		}
		throw new IllegalStateException("No free port from 20000 to 31999");
	}

	private int databases;

	/** A new, empty database of this cluster, as the application's user. */
	public DataSource newDatabase() {
		String name = "records_" + (++this.databases);
		JdbcClient.create(dataSource("postgres")).sql("CREATE DATABASE " + name).update();
		return dataSource(name);
	}

	private DataSource dataSource(String database) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl().replace("/postgres", "/" + database),
				USER, "");
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** Starts the server again (after {@link #stopServer()}), on the same port and data. */
	public void startServer() {
		Path log = this.folder.resolve("server.log");
		try {
			command("pg_ctl", "-D", this.data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o",
					"-p " + this.port + " -k " + this.folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
		}
		catch (IllegalStateException ex) {
			// pg_ctl only says "Examine the log output": the server's own last lines say why (a port taken meanwhile?).
			throw new IllegalStateException(ex.getMessage() + "\nLast lines of " + log + ":\n" + lastLines(log), ex);
		}
	}

	private static String lastLines(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
		}
		catch (IOException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	/** Stops the server at once, as a crash or an operator would: clients are disconnected. */
	public void stopServer() {
		command("pg_ctl", "-D", this.data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
	}

	/**
	 * Points the application under test at this cluster, with a records folder of its own (the file where decisions
	 * wait belongs to this database).
	 */
	public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", this::jdbcUrl);
		registry.add("spring.datasource.username", () -> USER);
		try {
			String folder = Files.createTempDirectory("charte-records-postgres-").toString();
			registry.add("charte.records.folder", () -> folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			command("pg_ctl", "-D", this.data.toString(), "-m", "immediate", "-w", "stop");
		}
		catch (RuntimeException ex) {
			// Already stopped.
		}
		try (Stream<Path> files = Files.walk(this.folder)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// A temporary folder: left for the system to clean.
		}
	}

	private void command(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (this.asPostgresUser) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(Arrays.asList(arguments));
		run(command, this.folder);
	}

	private static void run(List<String> command, Path directory) {
		try {
			Path output = Files.createTempFile("charte-postgres-command", ".log");
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
			}
			Files.delete(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The newest {@code /usr/lib/postgresql/<version>/bin} with the server programs, or null. */
	private static Path binaries() {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return null;
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparingInt(PostgresCluster::version))
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int version(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
