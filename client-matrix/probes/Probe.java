// Client-matrix probe for Java: java.net.http.HttpClient and javax.net.ssl.HttpsURLConnection.
//
// Run as a single-file source program (Java 11+; tested with 17), no dependencies:
//
//     java Probe.java httpclient        # or: java Probe.java urlconnection
//     java Probe.java httpclient --version
//
// Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
// one result JSON object per stdout line.
//
// Trust: a KeyStore built in memory from the target's CA PEM file only, through the default
// TrustManagerFactory (PKIX) and SSLContext "TLS". Host name verification is each API's default
// (HttpClient: endpoint identification "HTTPS"; HttpsURLConnection: its default HostnameVerifier
// path); nothing is relaxed.
//
// Pinning host -> address: the JDK resolves names through a hosts file when the system property
// jdk.net.hosts.file is set before InetAddress is first used. The probe sets it first thing in
// main() to a private temp file (unless it was given with -D), and writes "address host" lines
// into it before each target starts. The JDK reads that file on every lookup, so names such as
// *.badtls.test resolve to the target's address while the URL, SNI and certificate checks keep
// using the host name. Names that are neither pinned nor in /etc/hosts do not resolve at all
// (the probe never needs DNS). Caveat: one address per host name for the whole run.

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

public class Probe {
    static final int MAX_PARALLEL = 8;
    /** Grace after timeout_ms before the probe's own deadline answers for a stuck request. */
    static final long GRACE_MS = 1000;

    static PrintStream out;
    static final Object OUT_LOCK = new Object();

    static void log(String msg) {
        System.err.println("java_probe: " + msg);
    }

    // ---------------------------------------------------------------- host pinning

    static Path hostsFile;
    static final Map<String, String> PINS = new LinkedHashMap<>();
    static String systemHosts = "";
    static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** Must run before anything uses InetAddress. */
    static void setUpHostsFile() throws IOException {
        String given = System.getProperty("jdk.net.hosts.file");
        if (given != null && !given.isEmpty()) {
            hostsFile = Paths.get(given);
        } else {
            hostsFile = Files.createTempFile("badtls-java-probe-", ".hosts");
            hostsFile.toFile().deleteOnExit();
            System.setProperty("jdk.net.hosts.file", hostsFile.toString());
        }
        try {
            systemHosts = Files.readString(Paths.get("/etc/hosts"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            systemHosts = "127.0.0.1 localhost\n::1 localhost\n";
        }
        pin("probe-selfcheck.badtls.invalid", "127.0.0.1");
        try {
            InetAddress a = InetAddress.getByName("probe-selfcheck.badtls.invalid");
            if (!"127.0.0.1".equals(a.getHostAddress())) throw new IOException("resolved to " + a);
        } catch (IOException e) {
            log("WARNING: host pinning through jdk.net.hosts.file is not in effect (" + e
                + "); names will resolve through the system resolver");
        }
    }

    /** Pins go first (the JDK returns the first matching line's address first), /etc/hosts after. */
    static synchronized void pin(String host, String address) throws IOException {
        String key = host.toLowerCase();
        if (address.equals(PINS.get(key))) return;
        if (PINS.containsKey(key)) {
            log("WARNING: host " + host + " re-pinned from " + PINS.get(key) + " to " + address
                + " (one address per host name; cached lookups may keep the old one)");
        }
        PINS.put(key, address);
        StringBuilder sb = new StringBuilder("# written by client-matrix/probes/Probe.java\n");
        for (Map.Entry<String, String> e : PINS.entrySet()) {
            sb.append(e.getValue()).append(' ').append(e.getKey()).append('\n');
        }
        sb.append(systemHosts).append('\n');
        Path tmp = Paths.get(hostsFile.toString() + ".tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // ---------------------------------------------------------------- TLS material

    static final Map<String, SSLContext> CONTEXTS = new LinkedHashMap<>();

    static synchronized SSLContext sslContext(String caFile, String certFile, String keyFile, String crlFile) throws Exception {
        String cacheKey = caFile + "\0" + certFile + "\0" + keyFile + "\0" + crlFile;
        SSLContext cached = CONTEXTS.get(cacheKey);
        if (cached != null) return cached;

        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Paths.get(caFile))) {
            int i = 0;
            for (Certificate c : cf.generateCertificates(in)) trust.setCertificateEntry("ca" + (i++), c);
            if (i == 0) throw new IOException("no certificate in " + caFile);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (crlFile == null) {
            tmf.init(trust);
        } else {
            // Revocation the documented PKIX way: the CRLs in a CertStore, revocation enabled
            // (with ocsp.enable unset the JDK checks every certificate against CRLs only).
            Collection<? extends CRL> crls;
            try (InputStream in = Files.newInputStream(Paths.get(crlFile))) {
                crls = cf.generateCRLs(in);
            }
            PKIXBuilderParameters pkix = new PKIXBuilderParameters(trust, new X509CertSelector());
            pkix.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            pkix.setRevocationEnabled(true);
            tmf.init(new CertPathTrustManagerParameters(pkix));
        }

        KeyManagerFactory kmf = null;
        if (certFile != null) {
            List<Certificate> chain = new ArrayList<>();
            try (InputStream in = Files.newInputStream(Paths.get(certFile))) {
                chain.addAll(cf.generateCertificates(in));
            }
            PrivateKey key = readPkcs8Key(keyFile != null ? keyFile : certFile);
            char[] pw = "probe".toCharArray();
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        CONTEXTS.put(cacheKey, ctx);
        return ctx;
    }

    /** An unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), EC, RSA or EdDSA. */
    static PrivateKey readPkcs8Key(String file) throws Exception {
        String pem = Files.readString(Paths.get(file), StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int s = pem.indexOf(begin);
        int e = pem.indexOf("-----END PRIVATE KEY-----");
        if (s < 0 || e < 0) throw new IOException(file + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(s + begin.length(), e));
        Exception last = null;
        for (String alg : new String[] {"EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception ex) {
                last = ex;
            }
        }
        throw new IOException(file + ": unsupported private key type", last);
    }

    // ---------------------------------------------------------------- results

    static String errorText(Throwable t) {
        // Unwrap the executor's wrappers: they are the probe's, not the client's.
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c) && seen.size() <= 12; c = c.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    static String result(String id, boolean ok, String error, Integer status, String protocol, String cipher) {
        StringBuilder sb = new StringBuilder("{\"id\":").append(Json.quote(id));
        sb.append(",\"ok\":").append(ok);
        sb.append(",\"error\":").append(error == null ? "null" : Json.quote(error));
        sb.append(",\"status\":").append(status == null ? "null" : status.toString());
        sb.append(",\"protocol\":").append(protocol == null ? "null" : Json.quote(protocol));
        sb.append(",\"cipher\":").append(cipher == null ? "null" : Json.quote(cipher));
        return sb.append('}').toString();
    }

    static final class Target {
        String id, url, host, address, caFile, clientCert, clientKey, crlFile;
        int port;
        long timeoutMs;

        static Target of(Map<String, Object> m) {
            Target t = new Target();
            t.id = str(m.get("id"));
            t.url = str(m.get("url"));
            t.host = str(m.get("host"));
            t.address = str(m.get("address"));
            t.caFile = str(m.get("ca_file"));
            t.clientCert = str(m.get("client_cert"));
            t.clientKey = str(m.get("client_key"));
            t.crlFile = str(m.get("crl_file"));
            Object p = m.get("port");
            t.port = p instanceof Number ? ((Number) p).intValue() : -1;
            Object to = m.get("timeout_ms");
            t.timeoutMs = to instanceof Number ? ((Number) to).longValue() : 4000;
            if (t.timeoutMs <= 0) t.timeoutMs = 4000;
            return t;
        }

        static String str(Object o) {
            if (o == null) return null;
            if (o instanceof Double && ((Double) o) == Math.rint((Double) o)) return Long.toString(((Double) o).longValue());
            return o.toString();
        }
    }

    /** One answer per target: the first of the request's own outcome and the probe's deadline. */
    static final class Answer {
        final String id;
        final AtomicBoolean sent = new AtomicBoolean();
        final AtomicReference<Integer> status = new AtomicReference<>();
        final AtomicReference<String> protocol = new AtomicReference<>();
        final AtomicReference<String> cipher = new AtomicReference<>();

        Answer(String id) {
            this.id = id;
        }

        boolean ok() {
            return send(result(id, true, null, status.get(), protocol.get(), cipher.get()));
        }

        boolean fail(String error) {
            return send(result(id, false, error, status.get(), protocol.get(), cipher.get()));
        }

        boolean send(String line) {
            if (!sent.compareAndSet(false, true)) return false;
            synchronized (OUT_LOCK) {
                out.println(line);
                out.flush();
            }
            return true;
        }

        void session(SSLSession s) {
            if (s == null) return;
            protocol.set(s.getProtocol());
            cipher.set(s.getCipherSuite());
        }
    }

    // ---------------------------------------------------------------- the two clients

    static void viaHttpClient(Target t, Answer a) throws Exception {
        SSLContext ctx = sslContext(t.caFile, t.clientCert, t.clientKey, t.crlFile);
        HttpClient client = HttpClient.newBuilder()
            .sslContext(ctx)
            .connectTimeout(Duration.ofMillis(t.timeoutMs))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(t.url))
            .timeout(Duration.ofMillis(t.timeoutMs)) // HttpClient's own timeout covers the headers only
            .GET()
            .build();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            a.status.set(info.statusCode());
            return HttpResponse.BodySubscribers.ofByteArray();
        };
        CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(req, handler);
        HttpResponse<byte[]> resp;
        try {
            // Bound the body too: HttpClient waits for the body without any timeout of its own.
            resp = f.get(t.timeoutMs + GRACE_MS / 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new TimeoutException(a.status.get() == null
                ? "no response within " + t.timeoutMs + " ms (probe deadline; HttpClient's own timeout did not fire)"
                : "response body not complete within " + t.timeoutMs + " ms (probe deadline; HttpClient has no body timeout)");
        }
        a.status.set(resp.statusCode());
        resp.sslSession().ifPresent(a::session);
        a.ok();
    }

    static void viaUrlConnection(Target t, Answer a, AtomicReference<HttpsURLConnection> conn) throws Exception {
        SSLContext ctx = sslContext(t.caFile, t.clientCert, t.clientKey, t.crlFile);
        HttpsURLConnection c = (HttpsURLConnection) new URL(t.url).openConnection();
        conn.set(c);
        c.setSSLSocketFactory(ctx.getSocketFactory());
        c.setConnectTimeout((int) t.timeoutMs);
        c.setReadTimeout((int) t.timeoutMs);
        c.setUseCaches(false);
        int code = c.getResponseCode();
        a.status.set(code);
        try {
            a.cipher.set(c.getCipherSuite());
            Optional<SSLSession> s = c.getSSLSession();
            s.ifPresent(a::session);
        } catch (Exception ignored) {
            // informational only
        }
        InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
        long got = 0;
        if (in != null) {
            try (InputStream body = in) {
                got = body.transferTo(new ByteArrayOutputStream());
            }
        }
        // HttpsURLConnection ends a Content-Length body early without an error when the peer
        // closes; that is the client's behaviour, so the result stays ok. Note it for humans.
        long declared = c.getContentLengthLong();
        if (declared >= 0 && got < declared) {
            log(t.id + ": body ended after " + got + " of " + declared
                + " Content-Length bytes and HttpsURLConnection reported no error");
        }
        a.ok();
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        // Nothing but results may reach stdout.
        System.setOut(System.err);

        String mode = "httpclient";
        boolean version = false;
        for (String arg : args) {
            if (arg.equals("--version")) version = true;
            else mode = arg;
        }
        if (!mode.equals("httpclient") && !mode.equals("urlconnection")) {
            log("usage: java Probe.java httpclient|urlconnection [--version]");
            System.exit(2);
        }
        if (version) {
            String name = mode.equals("httpclient") ? "java-httpclient" : "java-urlconnection";
            out.println(name + " " + System.getProperty("java.version") + " ("
                + System.getProperty("java.runtime.name") + " " + System.getProperty("java.runtime.version") + ")");
            out.flush();
            System.exit(0);
        }

        setUpHostsFile();

        final boolean httpclient = mode.equals("httpclient");
        ExecutorService workers = Executors.newFixedThreadPool(MAX_PARALLEL, r -> {
            Thread th = new Thread(r, "probe-worker");
            th.setDaemon(true);
            return th;
        });
        ExecutorService watchers = Executors.newCachedThreadPool(r -> {
            Thread th = new Thread(r, "probe-deadline");
            th.setDaemon(true);
            return th;
        });
        List<CountDownLatch> answered = new ArrayList<>();

        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = stdin.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty()) continue;
            Target t;
            try {
                Object parsed = Json.parse(line);
                if (!(parsed instanceof Map)) throw new IllegalArgumentException("not an object");
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) parsed;
                if (m.get("id") == null) throw new IllegalArgumentException("no id");
                t = Target.of(m);
            } catch (Exception e) {
                log("ignoring unparsable target line (" + e.getMessage() + "): "
                    + line.substring(0, Math.min(200, line.length())));
                continue;
            }
            Answer a = new Answer(t.id);
            CountDownLatch done = new CountDownLatch(1);
            answered.add(done);
            if (t.url == null || t.host == null || t.caFile == null) {
                a.fail("ProbeError: target needs url, host and ca_file");
                done.countDown();
                continue;
            }
            try {
                if (t.host != null && t.address != null && !isIpLiteral(t.host) && !t.address.equals(t.host)) {
                    pin(t.host, t.address);
                }
            } catch (Exception e) {
                a.fail("ProbeError: cannot pin " + t.host + " to " + t.address + ": " + errorText(e));
                done.countDown();
                continue;
            }
            // The deadline counts from when a worker picks the target up.
            watchers.submit(() -> {
                AtomicReference<HttpsURLConnection> conn = new AtomicReference<>();
                CountDownLatch started = new CountDownLatch(1);
                Future<?> job = workers.submit(() -> {
                    started.countDown();
                    try {
                        if (httpclient) viaHttpClient(t, a);
                        else viaUrlConnection(t, a, conn);
                    } catch (Throwable e) {
                        a.fail(errorText(e));
                    }
                    return null;
                });
                try {
                    // Queue time is not the target's: wait for the job to start, then bound it.
                    started.await();
                    long budget = t.timeoutMs + GRACE_MS;
                    try {
                        job.get(budget, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (!a.sent.get()) {
                            a.fail("ProbeTimeout: no answer from " + (httpclient ? "HttpClient" : "HttpsURLConnection")
                                + " within " + t.timeoutMs + " ms (+" + GRACE_MS + " ms grace)");
                        }
                        done.countDown();
                        job.cancel(true);
                        // disconnect() can block behind the stuck read; it only tidies up.
                        HttpsURLConnection c = conn.get();
                        if (c != null) {
                            Thread th = new Thread(c::disconnect, "probe-disconnect");
                            th.setDaemon(true);
                            th.start();
                        }
                    }
                } catch (Exception e) {
                    a.fail("ProbeError: " + errorText(e));
                } finally {
                    done.countDown();
                }
            });
            // The first target (the runner sends the control first, with a long timeout) runs
            // alone: it pays the JVM's warm-up once, instead of every target of the first round
            // paying it at once under a short timeout.
            if (answered.size() == 1) done.await();
        }
        for (CountDownLatch d : answered) d.await();
        out.flush();
        // Abandoned connections and HttpClient threads must not keep the JVM alive.
        System.exit(0);
    }

    // ---------------------------------------------------------------- minimal JSON

    static final class Json {
        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.i != s.length()) throw j.err("trailing characters");
            return v;
        }

        IllegalArgumentException err(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + i);
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        Object value() {
            ws();
            if (i >= s.length()) throw err("unexpected end");
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            return number();
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == '}') { i++; return m; }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') throw err("expected a key");
                String k = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') throw err("expected ':'");
                i++;
                m.put(k, value());
                ws();
                if (i < s.length() && s.charAt(i) == ',') { i++; continue; }
                if (i < s.length() && s.charAt(i) == '}') { i++; return m; }
                throw err("expected ',' or '}'");
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (i < s.length() && s.charAt(i) == ']') { i++; return l; }
            while (true) {
                l.add(value());
                ws();
                if (i < s.length() && s.charAt(i) == ',') { i++; continue; }
                if (i < s.length() && s.charAt(i) == ']') { i++; return l; }
                throw err("expected ',' or ']'");
            }
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw err("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') { sb.append(c); continue; }
                if (i >= s.length()) throw err("bad escape");
                char e = s.charAt(i++);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw err("bad \\u escape");
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: throw err("bad escape");
                }
            }
        }

        Number number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String n = s.substring(start, i);
            if (n.isEmpty()) throw err("unexpected character");
            try {
                return Long.parseLong(n);
            } catch (NumberFormatException e) {
                return Double.parseDouble(n);
            }
        }

        static String quote(String v) {
            StringBuilder sb = new StringBuilder("\"");
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                switch (c) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    default:
                        if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                        else sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }
}
