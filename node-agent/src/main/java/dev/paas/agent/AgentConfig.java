package dev.paas.agent;

import dev.paas.agent.docker.AppNetwork;
import dev.paas.agent.docker.AppSandbox;
import dev.paas.api.ControllerUrls;
import dev.paas.api.NodeRegistration;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's settings, from {@code --option value} (or {@code --option=value}) arguments, falling back to the
 * config file named by {@code --config} (Java properties: {@code join-token=...}, {@code name=...}), then to
 * environment variables, then to defaults. A join token, when given, names the formation and layer the node
 * joins; the cluster's node token lets the node name them itself ({@code --formation}, {@code --layer}).
 *
 * @param address   where routers reach this node's published ports; container ports are published on it too
 * @param firstPort first host port of the range containers are published on
 * @param lastPort  last host port of that range, inclusive
 * @param token     the join token, or the cluster's node token
 * @param formation null with a join token, which decides the formation and the layer
 * @param network   the Docker network app containers run on, created by the agent ({@link AppNetwork})
 * @param pidsLimit the most processes (and threads) one app container may have
 * @param capacityMb memory offered to containers: {@code --capacity-mb}, else the host's minus {@code --reserve-mb}
 * @param cpuMillis  CPUs offered to containers, in thousandths: {@code --cpus}, else the host's; 0: not said
 * @param controllerCa the CA file an https controller's certificate must be signed by; null: the JVM's CAs
 * @param registryCredentials the file with the cluster registry's USER:PASSWORD; null: a registry without login
 * @param controllers every controller given ({@code --controller URL,URL}); {@code controller} is the first
 * @param addonPorts  the controller's paas.addons.ports ({@code FIRST-LAST}): add-ons are published there, and apps
 *                    may reach those ports on the controller's host too (an add-on may run there)
 */
public record AgentConfig(URI controller, String token, String name, String address, int firstPort, int lastPort,
                          String formation, String layer, int capacityMb, String network, long pidsLimit,
                          int cpuMillis, Path controllerCa, Path registryCredentials,
                          ControllerUrls controllers, String addonPorts) {

    /** The controller's default paas.addons.ports. */
    static final String DEFAULT_ADDON_PORTS = "19000-19999";

    /** With the default add-on ports. */
    public AgentConfig(URI controller, String token, String name, String address, int firstPort, int lastPort,
                       String formation, String layer, int capacityMb, String network, long pidsLimit,
                       int cpuMillis, Path controllerCa, Path registryCredentials, ControllerUrls controllers) {
        this(controller, token, name, address, firstPort, lastPort, formation, layer, capacityMb, network, pidsLimit,
                cpuMillis, controllerCa, registryCredentials, controllers, DEFAULT_ADDON_PORTS);
    }

    /** With one controller, without a CA or registry credentials of its own. */
    public AgentConfig(URI controller, String token, String name, String address, int firstPort, int lastPort,
                       String formation, String layer, int capacityMb, String network, long pidsLimit, int cpuMillis) {
        this(controller, token, name, address, firstPort, lastPort, formation, layer, capacityMb, network, pidsLimit,
                cpuMillis, null, null, ControllerUrls.of(controller));
    }

    /** With the CPUs not said. */
    public AgentConfig(URI controller, String token, String name, String address, int firstPort, int lastPort,
                       String formation, String layer, int capacityMb, String network, long pidsLimit) {
        this(controller, token, name, address, firstPort, lastPort, formation, layer, capacityMb, network, pidsLimit, 0);
    }

    /** Leaves this much of the host's memory to the platform's own processes (controller, PostgreSQL, nginx, registry). */
    static final int DEFAULT_RESERVE_MB = 2048;

    /** With the default apps network and pids limit. */
    public AgentConfig(URI controller, String token, String name, String address, int firstPort, int lastPort,
                       String formation, String layer, int capacityMb) {
        this(controller, token, name, address, firstPort, lastPort, formation, layer, capacityMb,
                AppSandbox.DEFAULT_NETWORK, AppSandbox.DEFAULT_PIDS_LIMIT);
    }

    /** One setting: its option, its environment variable and its default (null when it is required). */
    private record Option(String flag, String env, String fallback) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("--controller", "PAAS_CONTROLLER", "http://127.0.0.1:8000"),
            new Option("--token", "PAAS_NODE_TOKEN", ""),
            new Option("--join-token", "PAAS_JOIN_TOKEN", ""),
            new Option("--name", "PAAS_NODE_NAME", null),
            new Option("--address", "PAAS_NODE_ADDRESS", "127.0.0.1"),
            new Option("--ports", "PAAS_NODE_PORTS", "20000-20999"),
            new Option("--formation", "PAAS_NODE_FORMATION", "default"),
            new Option("--layer", "PAAS_NODE_LAYER", "runtime"),
            new Option("--capacity-mb", "PAAS_NODE_CAPACITY_MB", "host"),
            new Option("--reserve-mb", "PAAS_NODE_RESERVE_MB", Integer.toString(DEFAULT_RESERVE_MB)),
            new Option("--cpus", "PAAS_NODE_CPUS", "host"),
            new Option("--network", "PAAS_APPS_NETWORK", AppSandbox.DEFAULT_NETWORK),
            new Option("--pids-limit", "PAAS_PIDS_LIMIT", Long.toString(AppSandbox.DEFAULT_PIDS_LIMIT)),
            new Option("--controller-ca", "PAAS_CONTROLLER_CA", ""),
            new Option("--registry-credentials", "PAAS_REGISTRY_CREDENTIALS", ""),
            new Option("--addon-ports", "PAAS_ADDON_PORTS", DEFAULT_ADDON_PORTS));

    /** DNS-label-like, because the name goes into Docker container names and URL paths. */
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    public static final String USAGE = """
            usage: java -jar paas-node-agent.jar (--join-token TOKEN | --token TOKEN) --name NODE [options]
              --config FILE       settings as properties, e.g. join-token=... name=... (PAAS_NODE_CONFIG)
              --controller URL    controller base URL (PAAS_CONTROLLER, default http://127.0.0.1:8000)
              --join-token TOKEN  from 'paas formations:token FORMATION': joins its formation and layer (PAAS_JOIN_TOKEN)
              --token TOKEN       or the cluster's node token (PAAS_NODE_TOKEN)
              --name NODE         this node's name (PAAS_NODE_NAME, required)
              --address IP        address routers reach published ports on (PAAS_NODE_ADDRESS, default 127.0.0.1)
              --ports FIRST-LAST  host ports for containers (PAAS_NODE_PORTS, default 20000-20999)
              --formation NAME    with --token only (PAAS_NODE_FORMATION, default "default")
              --layer NAME        with --token only (PAAS_NODE_LAYER, default "runtime")
              --capacity-mb MB    memory offered to containers (PAAS_NODE_CAPACITY_MB, default: the host's less --reserve-mb)
              --reserve-mb MB     host memory kept for the platform itself (PAAS_NODE_RESERVE_MB, default 2048)
              --cpus N            CPUs offered to containers (PAAS_NODE_CPUS, default: the host's)
              --network NAME      Docker network for apps, made by the agent (PAAS_APPS_NETWORK, default paas-apps)
              --pids-limit N      most processes per app container (PAAS_PIDS_LIMIT, default 512)
              --controller-ca FILE  the platform CA (PEM) an https controller and registry are signed by (PAAS_CONTROLLER_CA)
              --registry-credentials FILE  USER:PASSWORD of the cluster registry (PAAS_REGISTRY_CREDENTIALS)
              --addon-ports FIRST-LAST  the controller's paas.addons.ports (PAAS_ADDON_PORTS, default 19000-19999)""";

    /** @throws IllegalArgumentException with a message a person can act on */
    public static AgentConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (OPTIONS.stream().noneMatch(o -> o.flag().equals(flag)) && !flag.equals("--config")) {
                throw new IllegalArgumentException("Unknown option '" + arg + "'.");
            }
            if (arg.contains("=")) {
                given.put(flag, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                given.put(flag, args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + flag + " needs a value.");
            }
        }
        Map<String, String> file = configFile(given.getOrDefault("--config", env.get("PAAS_NODE_CONFIG")));
        Map<String, String> values = new HashMap<>();
        for (Option option : OPTIONS) {
            String value = given.getOrDefault(option.flag(), file.getOrDefault(option.flag(),
                    env.getOrDefault(option.env(), option.fallback())));
            // An empty fallback marks an option that may be left out (one of the two tokens, the files).
            if (value == null || value.isBlank() && !"".equals(option.fallback())) {
                throw new IllegalArgumentException("Missing " + option.flag() + " (or " + option.env() + ").");
            }
            values.put(option.flag(), value.strip());
        }
        boolean join = !values.get("--join-token").isEmpty();
        if (!join && values.get("--token").isEmpty()) {
            throw new IllegalArgumentException("Missing --join-token (or PAAS_JOIN_TOKEN): an admin makes one with"
                    + " 'paas formations:token FORMATION --layer runtime'.");
        }
        String name = values.get("--name");
        if (!NODE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Node name '" + name + "' is invalid: use lowercase letters, digits"
                    + " and dashes, starting and ending with a letter or digit, at most 63 characters.");
        }
        Matcher ports = PORT_RANGE.matcher(values.get("--ports"));
        if (!ports.matches()) {
            throw new IllegalArgumentException("Port range '" + values.get("--ports")
                    + "' is invalid: use FIRST-LAST, e.g. 20000-20999.");
        }
        int first = Integer.parseInt(ports.group(1));
        int last = Integer.parseInt(ports.group(2));
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("Port range '" + values.get("--ports")
                    + "' is invalid: FIRST must not exceed LAST and both must be between 1 and 65535.");
        }
        Matcher addonPorts = PORT_RANGE.matcher(values.get("--addon-ports"));
        if (!addonPorts.matches() || Integer.parseInt(addonPorts.group(1)) < 1
                || Integer.parseInt(addonPorts.group(2)) > 65535
                || Integer.parseInt(addonPorts.group(1)) > Integer.parseInt(addonPorts.group(2))) {
            throw new IllegalArgumentException("Add-on port range '" + values.get("--addon-ports")
                    + "' is invalid: use FIRST-LAST within 1-65535, the controller's paas.addons.ports (default "
                    + DEFAULT_ADDON_PORTS + ").");
        }
        ControllerUrls controllers = ControllerUrls.parse(values.get("--controller"));
        return new AgentConfig(controllers.current(),
                join ? values.get("--join-token") : values.get("--token"), name, values.get("--address"), first, last,
                join ? null : values.get("--formation"), join ? null : values.get("--layer"),
                capacity(values.get("--capacity-mb"), values.get("--reserve-mb")), network(values.get("--network")),
                pidsLimit(values.get("--pids-limit")), cpus(values.get("--cpus")),
                readableFile(values.get("--controller-ca"), "CA"),
                readableFile(values.get("--registry-credentials"), "registry credentials"), controllers,
                values.get("--addon-ports"));
    }

    /** Null when not given; else a file this process can read, checked now so a typo fails at start. */
    private static Path readableFile(String value, String what) {
        if (value.isEmpty()) {
            return null;
        }
        Path file = Path.of(value);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("The " + what + " file '" + value + "' is not a readable file.");
        }
        return file;
    }

    /** The config file's settings under their option names ({@code name} is {@code --name}); none without a file. */
    private static Map<String, String> configFile(String path) {
        Map<String, String> settings = new HashMap<>();
        if (path == null || path.isBlank()) {
            return settings;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path.strip()))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the config file " + path + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (OPTIONS.stream().noneMatch(o -> o.flag().equals("--" + key))) {
                throw new IllegalArgumentException("Unknown setting '" + key + "' in " + path + ".");
            }
            settings.put("--" + key, properties.getProperty(key));
        }
        return settings;
    }

    public NodeRegistration registration() {
        return new NodeRegistration(name, address, formation, layer, capacityMb, firstPort, lastPort,
                cpuMillis > 0 ? cpuMillis : null, dev.paas.api.NetworkHost.current());
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "node " + name + " (" + address + ", ports " + firstPort + "-" + lastPort + ", "
                + (formation == null ? "formation and layer from its join token" : formation + "/" + layer) + ", "
                + capacityMb + " MB, " + (cpuMillis > 0 ? cpuMillis / 1000.0 + " CPUs" : "CPUs not said") + "), apps on network " + network + " with at most " + pidsLimit
                + " processes each, controller " + controllers
                + (controllerCa == null ? "" : " (CA " + controllerCa + ")")
                + (registryCredentials == null ? "" : ", registry credentials from " + registryCredentials);
    }

    private static String network(String value) {
        if (!AppNetwork.validName(value)) {
            throw new IllegalArgumentException("Network name '" + value + "' is invalid: use lowercase letters,"
                    + " digits and dashes, at most 15 characters (it also names the bridge interface).");
        }
        return value;
    }

    private static long pidsLimit(String value) {
        try {
            long limit = Long.parseLong(value);
            // Below a few dozen, the app's own runtime (a JVM's threads count) would not start.
            if (limit >= 32) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("Pids limit '" + value + "' is invalid: give a number of at least 32.");
    }

    /** {@code host}: the host's memory less the reserve. */
    private static int capacity(String value, String reserve) {
        int reserveMb;
        try {
            reserveMb = Integer.parseInt(reserve);
        } catch (NumberFormatException e) {
            reserveMb = -1;
        }
        if (reserveMb < 0) {
            throw new IllegalArgumentException("Reserve '" + reserve + "' is invalid: give a number of MB, 0 or more.");
        }
        if (value.equals("host")) {
            return HostResources.capacityMb(HostResources.memoryMb(), reserveMb);
        }
        try {
            int mb = Integer.parseInt(value);
            if (mb > 0) {
                return mb;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("Capacity '" + value + "' is invalid: give a positive number of MB.");
    }

    /** {@code host}: every CPU the host has; else a number such as 2 or 1.5. */
    private static int cpus(String value) {
        if (value.equals("host")) {
            return HostResources.cpuMillis();
        }
        try {
            double cpus = Double.parseDouble(value);
            if (cpus > 0 && cpus <= 1024) {
                return (int) Math.round(cpus * 1000);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("CPUs '" + value + "' is invalid: give a positive number such as 2.");
    }
}
