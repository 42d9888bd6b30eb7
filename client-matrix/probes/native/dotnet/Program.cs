// badtls adapter-protocol probe: .NET HttpClient (docs/adapter-protocol.md).
//
// Reads one target (JSON) per line on stdin, GETs its url with HttpClient, writes one result per
// line on stdout. `--version` prints one line and exits. Verification is the platform's own chain
// building (SChannel/CryptoAPI on Windows, OpenSSL on Linux, Security.framework on macOS) with
// the suite CA as the only trusted root (X509ChainTrustMode.CustomRootTrust) and the runtime's
// own host-name check: the validation callback only swaps the trust store, and reports the
// runtime's verdict (SslPolicyErrors and X509ChainStatus, as documented) as the error text, since
// the exception alone says only "rejected by the provided RemoteCertificateValidationCallback".
// Connections go to `address` (ConnectCallback), with `host` for SNI and verification.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

if (args.Length == 1 && args[0] == "--version")
{
    Console.WriteLine($"dotnet-httpclient .NET {Environment.Version} ({RuntimeInformation.OSDescription})");
    return 0;
}

var output = new object();
var pending = new List<Task>();
var gate = new SemaphoreSlim(8);
string? line;
while ((line = Console.In.ReadLine()) != null)
{
    if (string.IsNullOrWhiteSpace(line)) continue;
    var target = JsonNode.Parse(line)!.AsObject();
    await gate.WaitAsync();
    pending.Add(Task.Run(async () =>
    {
        try
        {
            var result = await Probe(target);
            lock (output) { Console.Out.WriteLine(result.ToJsonString()); Console.Out.Flush(); }
        }
        finally { gate.Release(); }
    }));
}
await Task.WhenAll(pending);
return 0;

static async Task<JsonObject> Probe(JsonObject t)
{
    var id = (string)t["id"]!;
    var url = (string)t["url"]!;
    var host = (string)t["host"]!;
    var address = (string)t["address"]!;
    var caFile = (string)t["ca_file"]!;
    var timeout = TimeSpan.FromMilliseconds((long)t["timeout_ms"]!);
    var verdict = new ConcurrentQueue<string>();
    var ca = X509Certificate2.CreateFromPemFile(caFile);
    var handler = new SocketsHttpHandler
    {
        ConnectTimeout = timeout,
        // host:port → address, as the protocol asks; SNI and verification stay on `host`.
        ConnectCallback = async (ctx, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Parse(address), ctx.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch { socket.Dispose(); throw; }
        },
    };
    handler.SslOptions.RemoteCertificateValidationCallback = (sender, cert, chain, errors) =>
    {
        if (cert is null) { verdict.Enqueue("policy: RemoteCertificateNotAvailable"); return false; }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var extra in chain.ChainPolicy.ExtraStore) custom.ChainPolicy.ExtraStore.Add(extra);
        var ok = custom.Build(new X509Certificate2(cert));
        // The runtime's host-name verdict is kept; its chain verdict (system roots) is replaced.
        var name = errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable);
        if (name != SslPolicyErrors.None) verdict.Enqueue($"policy: {name}");
        foreach (var s in custom.ChainStatus)
            verdict.Enqueue($"chain: {s.Status}: {s.StatusInformation.Trim()}");
        return ok && name == SslPolicyErrors.None;
    };
    using var client = new HttpClient(handler) { Timeout = timeout };
    var result = new JsonObject { ["id"] = id };
    try
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        result["ok"] = true;
        result["status"] = (int)response.StatusCode;
    }
    catch (Exception e)
    {
        var text = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            text.Add($"{x.GetType().Name}: {x.Message}");
        var why = string.Join(" <- ", text);
        if (!verdict.IsEmpty) why += " [" + string.Join("; ", verdict) + "]";
        result["ok"] = false;
        result["error"] = why;
    }
    return result;
}
