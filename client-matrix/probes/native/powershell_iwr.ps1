# badtls adapter-protocol probe: PowerShell Invoke-WebRequest (docs/adapter-protocol.md).
#
# Reads one target (JSON) per line on stdin, runs Invoke-WebRequest on its url, writes one result
# per line on stdout; `--version` prints one line and exits. Run it with pwsh (PowerShell 7):
#   badtls matrix --probe 'powershell-iwr=pwsh -NoProfile -File powershell_iwr.ps1' ...
#
# Invoke-WebRequest has no option to trust one CA file, nor to connect a name to an address:
# this probe relies on the machine trusting the suite CA and resolving the suite's names
# (the CI recipes import ca.pem into the root store and write the manifest's host names into
# the hosts file first). It checks that `ca_file`'s certificate is in a Root store and that
# `host` resolves to `address`, and says so when not, rather than testing something else. Its verification is PowerShell's default
# (no -SkipCertificateCheck).
param([string]$Mode)

if ($Mode -eq '--version') {
    "powershell-iwr PowerShell $($PSVersionTable.PSVersion) (.NET $([Environment]::Version), $([Environment]::OSVersion.VersionString))"
    exit 0
}

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# Whether the CA in `ca_file` is among the machine's trusted roots (Invoke-WebRequest trusts
# nothing else), by thumbprint; answered once per file.
$trusted = @{}
function Test-CaTrusted([string]$path) {
    if (-not $trusted.ContainsKey($path)) {
        $ca = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile($path)
        $found = $false
        foreach ($where in 'LocalMachine', 'CurrentUser') {
            $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('Root', $where)
            $store.Open('ReadOnly')
            if ($store.Certificates.Find('FindByThumbprint', $ca.Thumbprint, $false).Count -gt 0) { $found = $true }
            $store.Close()
        }
        $trusted[$path] = $found
    }
    $trusted[$path]
}

function Get-ErrorText([System.Exception]$e) {
    $parts = @()
    for ($x = $e; $null -ne $x; $x = $x.InnerException) {
        $parts += "$($x.GetType().Name): $($x.Message)"
    }
    $parts -join ' <- '
}

while ($null -ne ($line = [Console]::In.ReadLine())) {
    if ([string]::IsNullOrWhiteSpace($line)) { continue }
    $t = $line | ConvertFrom-Json
    $result = [ordered]@{ id = $t.id; ok = $false; error = $null; status = $null }
    try {
        if (-not (Test-CaTrusted $t.ca_file)) {
            throw [System.InvalidOperationException]::new(
                "badtls probe: the suite CA $($t.ca_file) is not in this machine's Root store: import it first")
        }
        $addresses = [System.Net.Dns]::GetHostAddresses($t.host) | ForEach-Object { $_.ToString() }
        if ($addresses -notcontains $t.address) {
            throw [System.InvalidOperationException]::new(
                "badtls probe: $($t.host) resolves to $($addresses -join ',') here, not $($t.address): add it to the hosts file")
        }
        $seconds = [Math]::Max(1, [Math]::Ceiling($t.timeout_ms / 1000))
        $response = Invoke-WebRequest -Uri $t.url -TimeoutSec $seconds -UseBasicParsing -ErrorAction Stop
        $result.ok = $true
        $result.status = [int]$response.StatusCode
    } catch {
        $result.error = Get-ErrorText $_.Exception
    }
    [Console]::Out.WriteLine(($result | ConvertTo-Json -Compress))
    [Console]::Out.Flush()
}
exit 0
