// tlsc-shim-jsse: Java's own TLS stack (SunJSSE, Java 17) behind the uniform shim flags of
// docs/iut-adapters.md: one JSON line per connection, the same exit codes as the C++ shims.
//
// JSSE specifics (docs/iut-adapters.md, "JSSE"):
// - Its switches are system and security properties read once, when the TLS classes load, so they
//   are set from the flags before any of them is touched: --ems (jdk.tls.useExtendedMasterSecret),
//   --tickets (jdk.tls.{server,client}.enableSessionTicketExtension), --groups (jdk.tls.namedGroups),
//   --dhparams (jdk.tls.server.defaultDHEParameters), TLS 1.0/1.1 (jdk.tls.disabledAlgorithms).
// - PEM credentials (PKCS#8 keys, as the test PKI writes them) go into in-memory key stores.
// - JSSE cannot write a session to a file: a client resumes within one process instead, where
//   `--connections N` makes N connections, the later ones offering the session of the one before
//   (JSSE's client session cache). --session-in/--session-out exit 89.
// - JSSE does not say whether a handshake resumed: a session created before this handshake began
//   was resumed. Whether EMS was negotiated is read from the session object (needs
//   `--add-opens java.base/sun.security.ssl=ALL-UNNAMED`; without it "ems" is null).
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

public final class TlscShimJsse {
  static final String PROGRAM = "tlsc-shim-jsse";
  static final int EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_SETUP = 3, EXIT_UNSUPPORTED = 89;
  static final char[] STORE_PASSWORD = "tlsconform".toCharArray();  // in-memory stores only

  /** Ends the program with an exit code and one line on stderr. */
  static final class Exit extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code, String line) {
      super(line);
      this.code = code;
    }
  }

  static Exit usage(String what) { return new Exit(EXIT_USAGE, PROGRAM + ": " + what); }
  static Exit setup(String what) { return new Exit(EXIT_SETUP, PROGRAM + ": " + what); }
  static Exit unsupported(String what) { return new Exit(EXIT_UNSUPPORTED, "tlsc-shim: unsupported: " + what); }

  static final class Options {
    boolean server;
    String host = "127.0.0.1";
    int port = 0;
    String cert, key, ecdsaCert, ecdsaKey, ca, clientCert, clientKey, dhparams, ciphers, sessionIn, sessionOut, send;
    boolean requireClientCert, echo;
    int minVersion = 0, maxVersion = 0;  // 1..3 for TLS 1.0..1.2; 0: default
    List<String> suites = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    Boolean ems, tickets, sessionCache;
    int connections = 1;
    int timeoutMs = 10000;
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (Exit e) {
      System.out.flush();
      if (!e.getMessage().isEmpty()) System.err.println(e.getMessage());
      code = e.code;
    }
    System.out.flush();
    System.exit(code);
  }

  static int run(String[] args) throws Exit {
    for (String a : args)
      if (a.equals("--version")) {
        System.out.println("JSSE (SunJSSE) of Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        return EXIT_OK;
      }
    Options o = parse(args);
    configureProperties(o);  // before the first TLS class loads
    SSLContext ctx = context(o);
    return o.server ? serve(o, ctx) : connect(o, ctx);
  }

  // ---- Flags.

  static Options parse(String[] args) throws Exit {
    Options o = new Options();
    boolean roleSeen = false;
    for (int i = 0; i < args.length; ++i) {
      final String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        System.out.println("usage: " + PROGRAM + " --role server|client [flags]: the flags of docs/iut-adapters.md;"
            + " a client also takes --connections N (one process, the later connections resume)");
        throw new Exit(EXIT_OK, "");
      }
      final boolean takesValue = !Arrays.asList("--require-client-cert", "--echo").contains(flag);
      if (takesValue && i + 1 >= args.length) throw usage(flag + ": needs a value");
      final String v = takesValue ? args[++i] : "";
      switch (flag) {
        case "--role":
          if (!v.equals("server") && !v.equals("client")) throw usage("--role: expected server or client, got '" + v + "'");
          o.server = v.equals("server");
          roleSeen = true;
          break;
        case "--host": o.host = v; break;
        case "--port": o.port = number(flag, v, 0, 65535); break;
        case "--cert": o.cert = v; break;
        case "--key": o.key = v; break;
        case "--ecdsa-cert": o.ecdsaCert = v; break;
        case "--ecdsa-key": o.ecdsaKey = v; break;
        case "--ca": o.ca = v; break;
        case "--client-cert": o.clientCert = v; break;
        case "--client-key": o.clientKey = v; break;
        case "--require-client-cert": o.requireClientCert = true; break;
        case "--min-version": o.minVersion = version(flag, v); break;
        case "--max-version": o.maxVersion = version(flag, v); break;
        case "--ciphers": o.ciphers = v; break;
        case "--suite": o.suites.add(v); break;
        case "--groups":
          o.groups.clear();
          for (String g : v.split("[,:]")) if (!g.isEmpty()) o.groups.add(g);
          break;
        case "--ems": o.ems = onOff(flag, v); break;
        case "--tickets": o.tickets = onOff(flag, v); break;
        case "--session-cache": o.sessionCache = onOff(flag, v); break;
        case "--dhparams": o.dhparams = v; break;
        case "--connections": o.connections = number(flag, v, 0, 1000000); break;
        case "--session-in": o.sessionIn = v; break;
        case "--session-out": o.sessionOut = v; break;
        case "--send": o.send = v; break;
        case "--echo": o.echo = true; break;
        case "--timeout-ms": o.timeoutMs = number(flag, v, 1, 600000); break;
        default: throw usage("unknown flag '" + flag + "' (--help lists the flags)");
      }
    }
    if (!roleSeen) throw usage("--role server|client is required");
    if (o.minVersion != 0 && o.maxVersion != 0 && o.minVersion > o.maxVersion) throw usage("--min-version is above --max-version");
    if (o.server && (o.cert == null || o.key == null)) throw usage("the server needs --cert and --key");
    if ((o.ecdsaCert == null) != (o.ecdsaKey == null)) throw usage("--ecdsa-cert and --ecdsa-key go together");
    if ((o.clientCert == null) != (o.clientKey == null)) throw usage("--client-cert and --client-key go together");
    if (!o.server && o.connections == 0) throw usage("--connections: a client makes at least 1");
    if (o.sessionIn != null || o.sessionOut != null)
      throw unsupported("--session-in/--session-out: JSSE cannot save a session to a file (a client resumes within one"
          + " process: --connections N)");
    if (o.server && o.sessionCache != null && !o.sessionCache)
      throw unsupported("--session-cache off: JSSE has no switch for its server session cache");
    return o;
  }

  static int number(String flag, String v, int lo, int hi) throws Exit {
    try {
      int n = Integer.parseInt(v);
      if (n >= lo && n <= hi) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw usage(flag + ": expected a number from " + lo + " to " + hi + ", got '" + v + "'");
  }

  static int version(String flag, String v) throws Exit {
    switch (v) {
      case "tls1.0": return 1;
      case "tls1.1": return 2;
      case "tls1.2": return 3;
      default: throw usage(flag + ": expected tls1.0, tls1.1 or tls1.2, got '" + v + "'");
    }
  }

  static boolean onOff(String flag, String v) throws Exit {
    if (v.equals("on")) return true;
    if (v.equals("off")) return false;
    throw usage(flag + ": expected on or off, got '" + v + "'");
  }

  // ---- JSSE's switches (read once, when its classes load).

  static void configureProperties(Options o) throws Exit {
    if (o.ems != null) System.setProperty("jdk.tls.useExtendedMasterSecret", o.ems.toString());
    if (o.tickets != null)
      System.setProperty(o.server ? "jdk.tls.server.enableSessionTicketExtension" : "jdk.tls.client.enableSessionTicketExtension",
          o.tickets.toString());
    if (!o.groups.isEmpty()) System.setProperty("jdk.tls.namedGroups", String.join(",", o.groups));
    if (o.server && o.dhparams != null) {
      BigInteger[] pg = dhParameters(o.dhparams);
      System.setProperty("jdk.tls.server.defaultDHEParameters", "{" + pg[0].toString(16) + "," + pg[1].toString(16) + "}");
    }
    // Java 17 disables TLS 1.0 and 1.1 in java.security; a lower --min-version enables them again.
    if (o.minVersion != 0 && o.minVersion < 3) {
      String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
      List<String> kept = new ArrayList<>();
      for (String item : disabled == null ? new String[0] : disabled.split(",")) {
        String t = item.trim();
        if (!t.isEmpty() && !t.equals("TLSv1") && !t.equals("TLSv1.1")) kept.add(t);
      }
      Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", kept));
    }
  }

  static String[] protocols(Options o) {
    final String[] names = {"TLSv1", "TLSv1.1", "TLSv1.2"};
    int lo = o.minVersion == 0 ? 3 : o.minVersion, hi = o.maxVersion == 0 ? 3 : o.maxVersion;  // never TLS 1.3
    if (o.minVersion == 0 && hi < 3) lo = hi;
    return Arrays.copyOfRange(names, lo - 1, hi);
  }

  // ---- Credentials.

  static byte[] pemBlock(String text, String label, String file) throws Exit {
    String begin = "-----BEGIN " + label + "-----", end = "-----END " + label + "-----";
    int a = text.indexOf(begin), b = text.indexOf(end, Math.max(a, 0));
    if (a < 0 || b < 0) throw setup(file + ": no " + label + " block");
    try {
      return Base64.getMimeDecoder().decode(text.substring(a + begin.length(), b));
    } catch (IllegalArgumentException e) {
      throw setup(file + ": bad base64 in the " + label + " block");
    }
  }

  static String readText(String file) throws Exit {
    try {
      return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw setup(file + ": " + e);
    }
  }

  static Certificate[] certificates(String file) throws Exit {
    try (InputStream in = new ByteArrayInputStream(readText(file).getBytes(StandardCharsets.US_ASCII))) {
      Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new Certificate[0]);
      if (chain.length == 0) throw setup(file + ": no certificate");
      return chain;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw setup(file + ": " + e.getMessage());
    }
  }

  static PrivateKey privateKey(String file) throws Exit {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pemBlock(readText(file), "PRIVATE KEY", file));
    for (String alg : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (java.security.GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw setup(file + ": not a PKCS#8 RSA or EC private key");
  }

  // DHE parameters, PEM PKCS#3: SEQUENCE { INTEGER p, INTEGER g, ... }. A local file; read bounded.
  static BigInteger[] dhParameters(String file) throws Exit {
    byte[] der = pemBlock(readText(file), "DH PARAMETERS", file);
    int[] pos = {0};
    if (derHeader(der, pos, 0x30, file) != der.length - pos[0]) throw setup(file + ": not one DER SEQUENCE");
    BigInteger[] out = new BigInteger[2];
    for (int i = 0; i < 2; ++i) {
      int len = derHeader(der, pos, 0x02, file);
      out[i] = new BigInteger(1, Arrays.copyOfRange(der, pos[0], pos[0] + len));
      pos[0] += len;
    }
    return out;
  }

  static int derHeader(byte[] der, int[] pos, int tag, String file) throws Exit {
    if (pos[0] + 2 > der.length || (der[pos[0]] & 0xff) != tag) throw setup(file + ": unexpected DER at byte " + pos[0]);
    int len = der[pos[0] + 1] & 0xff;
    pos[0] += 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 3 || pos[0] + n > der.length) throw setup(file + ": bad DER length at byte " + pos[0]);
      len = 0;
      for (int i = 0; i < n; ++i) len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    if (len > der.length - pos[0]) throw setup(file + ": DER length beyond the end");
    return len;
  }

  static SSLContext context(Options o) throws Exit {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      if (o.server) {
        keys.setKeyEntry("rsa", privateKey(o.key), STORE_PASSWORD, certificates(o.cert));
        if (o.ecdsaCert != null) keys.setKeyEntry("ecdsa", privateKey(o.ecdsaKey), STORE_PASSWORD, certificates(o.ecdsaCert));
      } else if (o.clientCert != null) {
        keys.setKeyEntry("client", privateKey(o.clientKey), STORE_PASSWORD, certificates(o.clientCert));
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
      kmf.init(keys, STORE_PASSWORD);
      TrustManager[] trust;
      if (o.ca != null) {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        Certificate[] cas = certificates(o.ca);
        for (int i = 0; i < cas.length; ++i) anchors.setCertificateEntry("ca" + i, cas[i]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        trust = tmf.getTrustManagers();
      } else {
        trust = new TrustManager[] {new AcceptAll()};  // no --ca: the peer is not verified
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), trust, null);
      return ctx;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw setup("cannot set up the TLS context: " + e);
    }
  }

  static final class AcceptAll implements X509TrustManager {
    public void checkClientTrusted(X509Certificate[] chain, String auth) {}
    public void checkServerTrusted(X509Certificate[] chain, String auth) {}
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }

  // ---- Connections.

  static InetAddress loopback(Options o) throws Exit {
    if (!o.host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) throw usage("--host: only 127.0.0.0/8 addresses are allowed");
    try {
      return InetAddress.getByName(o.host);  // a literal: no lookup
    } catch (IOException e) {
      throw usage("--host: " + e.getMessage());
    }
  }

  static SSLSocket wrap(SSLContext ctx, Options o, Socket plain, boolean client) throws IOException, Exit {
    plain.setSoTimeout(o.timeoutMs);
    plain.setTcpNoDelay(true);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, o.host, plain.getPort(), true);
    s.setUseClientMode(client);
    try {
      s.setEnabledProtocols(protocols(o));
      List<String> suites = new ArrayList<>(o.suites);
      if (o.ciphers != null)
        for (String c : o.ciphers.split("[,:]")) if (!c.isEmpty()) suites.add(c);
      if (!suites.isEmpty()) s.setEnabledCipherSuites(suites.toArray(new String[0]));
    } catch (IllegalArgumentException e) {
      throw unsupported(e.getMessage());
    }
    if (!client && o.requireClientCert) {
      if (o.ca == null) throw setup("--require-client-cert needs --ca (the client certificates' issuer)");
      s.setNeedClientAuth(true);
    }
    return s;
  }

  static final class Report {
    String version = "", suite = "", error = "";
    boolean resumed, peerCertificate;
    Boolean ems;
    SSLSession session;

    String json() {
      return "{\"version\": " + quote(version) + ", \"suite\": " + quote(suite) + ", \"resumed\": " + resumed + ", \"ems\": "
          + (ems == null ? "null" : ems.toString()) + ", \"peer_certificate\": " + peerCertificate + ", \"error\": "
          + quote(error) + "}";
    }
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c == '\n') b.append("\\n");
      else if (c == '\r') b.append("\\r");
      else if (c == '\t') b.append("\\t");
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ').replace('\r', ' ');
  }

  // Handshake, then echo (server) or send and read the echo (client). `previous`: the client's
  // session of its connection before, which this one may resume.
  static Report drive(SSLSocket s, Options o, SSLSession previous) {
    Report r = new Report();
    final long started = System.currentTimeMillis();
    try {
      s.startHandshake();
    } catch (IOException e) {
      r.error = "handshake: " + oneLine(e);
      closeQuietly(s);
      return r;
    }
    SSLSession session = s.getSession();
    r.session = session;
    r.version = session.getProtocol().replace("TLSv1.", "TLS1.").replace("TLSv1", "TLS1.0");
    r.suite = session.getCipherSuite().replaceFirst("^SSL_", "TLS_");
    // A session that existed before this handshake began was resumed (JSSE has no call that says so).
    r.resumed = session.getCreationTime() < started || (previous != null && session == previous);
    r.ems = extendedMasterSecret(session);
    try {
      r.peerCertificate = session.getPeerCertificates().length > 0;
    } catch (SSLPeerUnverifiedException e) {
      r.peerCertificate = false;
    }
    try {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[16384];
      if (o.server && o.echo) {
        for (int n; (n = in.read(buf)) > 0;) {
          out.write(buf, 0, n);
          out.flush();
        }
      } else if (!o.server && o.send != null) {
        byte[] text = o.send.getBytes(StandardCharsets.UTF_8);
        out.write(text);
        out.flush();
        byte[] got = new byte[text.length];
        int have = 0;
        while (have < text.length) {
          int n = in.read(got, have, text.length - have);
          if (n < 0) {
            r.error = "the peer closed before echoing all " + text.length + " bytes (got " + have + ")";
            break;
          }
          have += n;
        }
        if (r.error.isEmpty() && !Arrays.equals(got, text)) r.error = "the echo differs from what was sent";
      }
    } catch (IOException e) {
      r.error = (o.server ? "echo: " : "send: ") + oneLine(e);
    }
    closeQuietly(s);
    return r;
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();  // close_notify, then the socket
    } catch (IOException e) {
      // best effort
    }
  }

  static Boolean extendedMasterSecret(SSLSession session) {
    try {
      Field f = session.getClass().getDeclaredField("useExtendedMasterSecret");
      f.setAccessible(true);
      return f.getBoolean(session);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;  // not opened to us (--add-opens), or a JSSE without that field
    }
  }

  static int serve(Options o, SSLContext ctx) throws Exit {
    InetAddress addr = loopback(o);
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      try {
        listener.bind(new InetSocketAddress(addr, o.port), 16);
      } catch (IOException e) {
        throw setup("listen on " + o.host + ":" + o.port + ": " + oneLine(e));
      }
      System.out.println("ready " + o.host + ":" + listener.getLocalPort());
      System.out.flush();
      for (int served = 0; o.connections == 0 || served < o.connections; ++served) {
        Socket plain;
        try {
          plain = listener.accept();
        } catch (IOException e) {
          throw setup("accept: " + oneLine(e));
        }
        Report r;
        try {
          r = drive(wrap(ctx, o, plain, false), o, null);
        } catch (IOException e) {
          closeQuietly(plain);
          r = new Report();
          r.error = "handshake: " + oneLine(e);
        }
        System.out.println(r.json());
        System.out.flush();
      }
    } catch (IOException e) {
      throw setup("listen: " + oneLine(e));
    }
    return EXIT_OK;
  }

  static int connect(Options o, SSLContext ctx) throws Exit {
    InetAddress addr = loopback(o);
    if (o.port == 0) throw usage("--port: the client needs the server's port");
    boolean failed = false;
    SSLSession previous = null;
    for (int i = 0; i < o.connections; ++i) {
      Socket plain = new Socket();
      try {
        plain.connect(new InetSocketAddress(addr, o.port), o.timeoutMs);
      } catch (IOException e) {
        closeQuietly(plain);
        throw setup("connect to " + o.host + ":" + o.port + ": " + oneLine(e));
      }
      Report r;
      try {
        r = drive(wrap(ctx, o, plain, true), o, previous);
      } catch (IOException e) {
        closeQuietly(plain);
        r = new Report();
        r.error = "handshake: " + oneLine(e);
      }
      if (r.session != null) previous = r.session;
      failed |= !r.error.isEmpty();
      System.out.println(r.json());
      System.out.flush();
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  }
}
