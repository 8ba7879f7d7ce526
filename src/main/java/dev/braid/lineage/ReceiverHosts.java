package dev.braid.lineage;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} headers the receiver answers: its own address, {@code localhost} when it
 * listens on loopback, and names the user allowed. A web page can make a browser post to
 * {@code 127.0.0.1} by pointing a name it controls there (DNS rebinding), but the browser still
 * sends that name as the {@code Host}, so checking it keeps pages out. A receiver on every
 * interface answers to any of the machine's own addresses and names.
 */
final class ReceiverHosts {
    private final Set<String> allowed;

    private ReceiverHosts(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** The hosts a receiver bound to {@code bound} answers to, plus {@code extra} names. */
    static ReceiverHosts of(InetAddress bound, Collection<String> extra) {
        Set<String> hosts = new HashSet<>();
        extra.forEach(name -> hosts.add(normalise(name)));
        hosts.add(normalise(bound.getHostAddress()));
        if (bound.isLoopbackAddress() || bound.isAnyLocalAddress()) {
            hosts.add("localhost");
            hosts.add("127.0.0.1");
            hosts.add("::1");
        }
        if (bound.isAnyLocalAddress()) {
            addMachine(hosts);
        }
        return new ReceiverHosts(hosts);
    }

    /** Whether a request with this {@code Host} header (null when it sent none) is for us. */
    boolean accepts(String header) {
        return header != null && allowed.contains(normalise(hostPart(header.strip())));
    }

    /** {@code host} of {@code host:port}, {@code [v6]:port} or a bare host. */
    static String hostPart(String header) {
        if (header.startsWith("[")) {
            int close = header.indexOf(']');
            return close < 0 ? header : header.substring(1, close);
        }
        int colon = header.indexOf(':');
        return colon >= 0 && colon == header.lastIndexOf(':') ? header.substring(0, colon) : header;
    }

    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static void addMachine(Set<String> hosts) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    hosts.add(normalise(zone >= 0 ? text.substring(0, zone) : text));
                }
            }
        } catch (SocketException e) {
            // Without the interface list only the names below and those the user allowed are accepted.
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            hosts.add(normalise(local.getHostName()));
            hosts.add(normalise(local.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            // The machine has no resolvable name; its addresses still work.
        }
    }

    @Override
    public String toString() {
        return String.join(", ", new java.util.TreeSet<>(allowed));
    }
}
