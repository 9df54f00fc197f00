<#
opsdesk — instalacja i aktualizacja na jednym stanowisku, bez uprawnień administratora
i bez internetu. Uruchamiany przez instaluj.cmd z rozpakowanej paczki
opsdesk-@VERSION@-windows.zip.

Program trafia do %LOCALAPPDATA%\Programs\opsdesk\program (środowisko Pythona tylko dla
tego użytkownika), ustawienia i dane zostają w %LOCALAPPDATA%\opsdesk. Ten sam skrypt
aktualizuje zainstalowany program: ustawienia, baza i kopie zostają nietknięte, a gdy
instalacja się nie uda, zostaje poprzednia wersja.

    instaluj.cmd                         pyta o ścieżkę wspólnej bazy
    instaluj.cmd -Baza Z:\OPS\opsdesk.sqlite
    instaluj.cmd -BezPytan               zachowuje ustawioną bazę, o nic nie pyta
#>
param(
    [string]$Baza = "",
    [switch]$BezPytan
)

$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

$Version = "@VERSION@"
$Bundle = $PSScriptRoot
$Wheels = Join-Path $Bundle "wheels"
$ProgramRoot = Join-Path $env:LOCALAPPDATA "Programs\opsdesk"
$Program = Join-Path $ProgramRoot "program"
$Previous = Join-Path $ProgramRoot "program.poprzedni"
$DataDir = Join-Path $env:LOCALAPPDATA "opsdesk"
$SettingsFile = Join-Path $DataDir "settings.json"
$LogDir = Join-Path $DataDir "logi"
$Supported = @("3.13", "3.12", "3.11")


function Say([string]$Text) {
    Write-Host $Text
}


function Stop-Install([string]$Text) {
    Write-Host ""
    Write-Host $Text -ForegroundColor Red
    Write-Host ""
    throw "opsdesk-przerwano"
}


function Invoke-Native([string]$Exe, [string[]]$Arguments) {
    # Windows PowerShell 5.1 turns a program's stderr into errors that "Stop" would throw.
    $saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        $output = & $Exe @Arguments 2>$null
        $code = $LASTEXITCODE
    }
    catch {
        $output = @()
        $code = 1
    }
    finally {
        $ErrorActionPreference = $saved
    }
    return [pscustomobject]@{ Code = $code; Output = (@($output) -join "`n").Trim() }
}


function Find-Python {
    # The py launcher knows every python.org installation, also one made for this user
    # only; Python from Microsoft Store answers as python3.X or python.
    $candidates = @()
    foreach ($v in $Supported) { $candidates += , @("py", "-$v") }
    foreach ($v in $Supported) { $candidates += , @("python$v") }
    $candidates += , @("python3")
    $candidates += , @("python")
    $probe = ("import struct, sys; " +
        "print('%d.%d' % sys.version_info[:2], struct.calcsize('P') * 8, sys.executable)")
    foreach ($candidate in $candidates) {
        $exe = $candidate[0]
        if (-not (Get-Command $exe -ErrorAction SilentlyContinue)) {
            continue
        }
        $arguments = @($candidate | Select-Object -Skip 1) + @("-c", $probe)
        $answer = Invoke-Native $exe $arguments
        if ($answer.Code -ne 0 -or -not $answer.Output) {
            continue
        }
        $parts = ($answer.Output -split "`n")[-1].Split(" ", 3)
        if ($parts.Count -eq 3 -and $Supported -contains $parts[0] -and $parts[1] -eq "64") {
            return [pscustomobject]@{ Version = $parts[0]; Exe = $parts[2].Trim() }
        }
    }
    return $null
}


function Get-InstalledVersion {
    $python = Join-Path $Program "Scripts\python.exe"
    if (-not (Test-Path $python)) {
        return $null
    }
    $answer = Invoke-Native $python @("-c", "import opsdesk; print(opsdesk.__version__)")
    if ($answer.Code -ne 0) {
        return "nieznana"
    }
    return $answer.Output
}


function Test-Running {
    $names = @("pythonw", "python", "opsdesk", "opsdesk-cli")
    $running = Get-Process -Name $names -ErrorAction SilentlyContinue | Where-Object {
        $_.Path -and $_.Path.StartsWith($ProgramRoot, [StringComparison]::OrdinalIgnoreCase)
    }
    return [bool]$running
}


function Read-Settings {
    if (-not (Test-Path $SettingsFile)) {
        return @{ database = ""; backup_dir = ""; export_dir = "" }
    }
    try {
        $raw = [System.IO.File]::ReadAllText($SettingsFile, [System.Text.Encoding]::UTF8)
        $json = $raw | ConvertFrom-Json
    }
    catch {
        if ($BezPytan -and -not $Baza) {
            Stop-Install ("Plik ustawień $SettingsFile jest błędny. Uruchom instalację bez " +
                "-BezPytan (zapyta o bazę) albo podaj -Baza.")
        }
        $broken = "$SettingsFile.bledny"
        Copy-Item $SettingsFile $broken -Force
        Say "Plik ustawień $SettingsFile jest błędny (zachowano go jako $broken)."
        Say "Zostanie zapisany od nowa — podaj ścieżkę bazy poniżej."
        return @{ database = ""; backup_dir = ""; export_dir = "" }
    }
    $settings = @{ database = ""; backup_dir = ""; export_dir = "" }
    foreach ($key in @("database", "backup_dir", "export_dir")) {
        if ($json.PSObject.Properties.Name -contains $key -and $json.$key) {
            $settings[$key] = [string]$json.$key
        }
    }
    return $settings
}


function Save-Settings($Settings) {
    New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
    $ordered = [ordered]@{
        database = $Settings["database"]
        backup_dir = $Settings["backup_dir"]
        export_dir = $Settings["export_dir"]
    }
    # ConvertTo-Json writes every backslash doubled, as JSON needs; UTF-8 without a BOM.
    $json = $ordered | ConvertTo-Json
    $utf8 = New-Object System.Text.UTF8Encoding $false
    [System.IO.File]::WriteAllText($SettingsFile, $json, $utf8)
}


function Resolve-DatabaseAnswer([string]$Answer) {
    # What Explorer's "Kopiuj jako ścieżkę" gives comes in quotes.
    $path = $Answer.Trim().Trim('"').Trim()
    if (-not $path -or $path.Contains("://")) {
        return $path
    }
    if (Test-Path -LiteralPath $path -PathType Container) {
        $path = Join-Path $path "opsdesk.sqlite"
        Say "To folder — baza będzie w nim plikiem: $path"
    }
    return $path
}


function Confirm-Database([string]$Path) {
    if (-not $Path -or $Path.Contains("://")) {
        return $true
    }
    $folder = Split-Path -Parent $Path
    if (-not $folder -or -not (Test-Path -LiteralPath $folder -PathType Container)) {
        Say "Folder $folder nie jest teraz dostępny (czy dysk sieciowy jest podłączony?)."
        $again = Read-Host "Zapisać tę ścieżkę mimo to? [T/N]"
        return $again.Trim().ToUpper().StartsWith("T")
    }
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        Say "Pliku bazy jeszcze nie ma. Przy pierwszym uruchomieniu program zapyta, czy utworzyć"
        Say "w tym miejscu nową, pustą bazę — zrób to tylko na pierwszym stanowisku."
    }
    return $true
}


function Ask-Database($Settings) {
    $current = $Settings["database"]
    if ($Baza) {
        return Resolve-DatabaseAnswer $Baza
    }
    if ($BezPytan) {
        return $current
    }
    while ($true) {
        Say ""
        if ($current) {
            Say "Wspólna baza danych: $current"
            $answer = Read-Host "Naciśnij Enter, aby ją zachować, albo wpisz nową ścieżkę"
            if (-not $answer.Trim()) {
                return $current
            }
        }
        else {
            Say "Podaj ścieżkę wspólnej bazy danych, np. Z:\OPS\opsdesk.sqlite"
            Say "albo \\serwer\ops\opsdesk.sqlite (ta sama na każdym stanowisku)."
            $answer = Read-Host "Naciśnij Enter, aby używać bazy tylko na tym komputerze"
            if (-not $answer.Trim()) {
                return ""
            }
        }
        $path = Resolve-DatabaseAnswer $answer
        if (Confirm-Database $path) {
            return $path
        }
    }
}


function New-Shortcut([string]$Folder, [string]$TargetPath) {
    New-Item -ItemType Directory -Force -Path $Folder | Out-Null
    $shell = New-Object -ComObject WScript.Shell
    $link = $shell.CreateShortcut((Join-Path $Folder "opsdesk.lnk"))
    $link.TargetPath = $TargetPath
    # -P: nothing from the working folder is imported in place of the program's modules.
    $link.Arguments = "-P -m opsdesk"
    $link.WorkingDirectory = $DataDir
    $link.Description = "opsdesk — ośrodek pomocy społecznej"
    $link.IconLocation = "$TargetPath,0"
    $link.Save()
}


function Install-Program([string]$PythonExe, [string]$Requirement) {
    if (Test-Path $Previous) {
        Remove-Item -Recurse -Force $Previous
    }
    if (Test-Path $Program) {
        # Kept until the new one works: a failed installation puts it back.
        Rename-Item -LiteralPath $Program -NewName (Split-Path -Leaf $Previous)
    }
    New-Item -ItemType Directory -Force -Path $ProgramRoot | Out-Null
    try {
        Say "Tworzenie środowiska Pythona w $Program…"
        $venv = Invoke-Native $PythonExe @("-m", "venv", $Program)
        if ($venv.Code -ne 0) {
            throw "python -m venv zakończył się kodem $($venv.Code)"
        }
        $python = Join-Path $Program "Scripts\python.exe"
        Say "Instalowanie opsdesk $Version z paczki (bez internetu)…"
        $saved = $ErrorActionPreference
        $ErrorActionPreference = "Continue"
        & $python -m pip install --no-index --find-links $Wheels `
            --disable-pip-version-check --no-warn-script-location --quiet $Requirement
        $code = $LASTEXITCODE
        $ErrorActionPreference = $saved
        if ($code -ne 0) {
            throw "pip zakończył się kodem $code"
        }
        # Qt's libraries load and the fonts are there: the program will start and print.
        $probe = ("import opsdesk, PySide6.QtWidgets; " +
            "from opsdesk.reports.fonts import register_fonts; register_fonts(); " +
            "print(opsdesk.__version__)")
        $check = Invoke-Native $python @("-c", $probe)
        if ($check.Code -ne 0 -or $check.Output -ne $Version) {
            throw "zainstalowany program się nie uruchamia"
        }
    }
    catch {
        $reason = $_.Exception.Message
        if (Test-Path $Program) {
            Remove-Item -Recurse -Force $Program -ErrorAction SilentlyContinue
        }
        if (Test-Path $Previous) {
            Rename-Item -LiteralPath $Previous -NewName (Split-Path -Leaf $Program)
            Stop-Install ("Instalacja nie powiodła się ($reason). " +
                "Poprzednia wersja programu działa dalej bez zmian.")
        }
        Stop-Install "Instalacja nie powiodła się ($reason)."
    }
    if (Test-Path $Previous) {
        Remove-Item -Recurse -Force $Previous -ErrorAction SilentlyContinue
    }
}


function Main {
    Say "opsdesk $Version — instalacja na tym komputerze (bez uprawnień administratora)"
    Say ""
    $wheel = Join-Path $Wheels "opsdesk-$Version-py3-none-any.whl"
    if (-not (Test-Path $wheel)) {
        Stop-Install ("Paczka jest niekompletna: brak $wheel.`n" +
            "Rozpakuj cały plik opsdesk-$Version-windows.zip (Wyodrębnij wszystkie…) " +
            "i uruchom instaluj.cmd z rozpakowanego folderu.")
    }

    $python = Find-Python
    if (-not $python) {
        Stop-Install ("Nie znaleziono Pythona 3.11, 3.12 ani 3.13 (64-bitowego).`n`n" +
            "Zainstaluj go bez uprawnień administratora, jednym z dwóch sposobów:`n" +
            "  1. Instalator ze strony python.org (Windows installer, 64-bit), np.`n" +
            "     python-3.12.x-amd64.exe: w pierwszym oknie ODZNACZ `"Use admin privileges`n" +
            "     when installing py.exe`" i wybierz `"Install Now`" (instalacja tylko dla`n" +
            "     tego użytkownika). Instalator można przynieść na pendrivie.`n" +
            "  2. Microsoft Store: wyszukaj `"Python 3.12`" i kliknij `"Pobierz`".`n`n" +
            "Potem uruchom instaluj.cmd ponownie.")
    }
    Say "Python $($python.Version): $($python.Exe)"

    $installed = Get-InstalledVersion
    if ($installed) {
        Say "Zainstalowana wersja: $installed, wersja w paczce: $Version"
        $newer = $false
        try { $newer = ([version]$installed) -gt ([version]$Version) } catch { }
        if ($newer) {
            Say "Na tym komputerze jest nowsza wersja ($installed) niż w paczce ($Version)."
            Say "Starsza wersja nie zapisze niczego w bazie, której schemat zmieniła nowsza."
            if ($BezPytan) {
                Stop-Install "Przerwano: paczka zawiera starszą wersję."
            }
            $answer = Read-Host "Zainstalować mimo to starszą wersję? [T/N]"
            if (-not $answer.Trim().ToUpper().StartsWith("T")) {
                Stop-Install "Przerwano: zostaje wersja $installed."
            }
        }
        if ($installed -eq $Version) {
            Say "Ta wersja jest już zainstalowana — zostanie zainstalowana ponownie (naprawa)."
        }
    }
    while (Test-Running) {
        Say ""
        Say "Program opsdesk jest uruchomiony na tym komputerze."
        Say "Zamknij go (najpierw zapisz otwarte formularze)."
        if ($BezPytan) {
            Stop-Install "Przerwano: program jest uruchomiony."
        }
        Read-Host "Naciśnij Enter, gdy program będzie zamknięty" | Out-Null
    }

    $settings = Read-Settings
    $database = Ask-Database $settings
    $requirement = "opsdesk==$Version"
    if ($database.StartsWith("postgresql")) {
        $requirement = "opsdesk[postgres]==$Version"
    }

    Install-Program $python.Exe $requirement

    $settings["database"] = $database
    Save-Settings $settings
    $pythonw = Join-Path $Program "Scripts\pythonw.exe"
    New-Shortcut ([Environment]::GetFolderPath("Programs")) $pythonw
    New-Shortcut ([Environment]::GetFolderPath("Desktop")) $pythonw

    Say ""
    Say "Gotowe: opsdesk $Version jest zainstalowany."
    if ($database) {
        Say "Baza danych: $database"
    }
    else {
        Say "Baza danych: tylko na tym komputerze ($DataDir\opsdesk.sqlite)"
    }
    Say "Ustawienia: $SettingsFile"
    Say "Program uruchomisz z menu Start albo skrótem „opsdesk” na pulpicie."
}


New-Item -ItemType Directory -Force -Path $LogDir | Out-Null
$transcript = $false
try {
    Start-Transcript -Path (Join-Path $LogDir "instalacja.log") -Append | Out-Null
    $transcript = $true
}
catch { }
$exitCode = 0
try {
    Main
}
catch {
    if ($_.Exception.Message -ne "opsdesk-przerwano") {
        Write-Host ""
        Write-Host "Nieoczekiwany błąd instalacji: $($_.Exception.Message)" -ForegroundColor Red
        Write-Host "Szczegóły są w $LogDir\instalacja.log" -ForegroundColor Red
        Write-Host $_.ScriptStackTrace
    }
    $exitCode = 1
}
finally {
    if ($transcript) {
        Stop-Transcript | Out-Null
    }
}
exit $exitCode
