@echo off
rem opsdesk: instalacja albo aktualizacja na tym komputerze, bez uprawnien administratora.
rem Parametry przechodza do instaluj.ps1, np.  instaluj.cmd -Baza Z:\OPS\opsdesk.sqlite
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0instaluj.ps1" %*
set KOD=%ERRORLEVEL%
echo.
echo %* | find /i "BezPytan" >nul || pause
exit /b %KOD%
