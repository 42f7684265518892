; SpotLink's Windows installer (NSIS 3, Modern UI 2), on the settings Tauri's own NSIS
; bundler would use (tauri.conf.json, tauri.windows.conf.json): per user, no
; administrator rights, the WebView2 bootstrapper downloaded when the runtime is missing.
; Tauri's bundler fetches NSIS plugins from GitHub while it builds, which builds here
; cannot reach; this script needs only Debian's nsis package and NSIS's own System
; plugin. What it does, how it is tested under Wine and what only Windows can show:
; docs/packaging.md ("Windows: the NSIS installer").
;
; Built by scripts/windows-installer, which passes:
;   -DVERSION=0.1.0           the workspace version (Cargo.toml)
;   -DVERSION_QUAD=0.1.0.0    the same as four numbers, for the file's version resource
;   -DIDENTIFIER=...          tauri.conf.json's identifier (the scheme's description)
;   -DAPP_EXE=... -DCLI_EXE=... -DWEBVIEW2_LOADER=...   the cross-built files
;   -DICON=...                icons/icon.ico
;   -DOUTFILE=...             the installer to write

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!macro REQUIRE_DEFINE NAME
  !ifndef ${NAME}
    !error "${NAME} is not defined: build with scripts/windows-installer (makensis -D${NAME}=...)"
  !endif
!macroend
!insertmacro REQUIRE_DEFINE VERSION
!insertmacro REQUIRE_DEFINE VERSION_QUAD
!insertmacro REQUIRE_DEFINE IDENTIFIER
!insertmacro REQUIRE_DEFINE APP_EXE
!insertmacro REQUIRE_DEFINE CLI_EXE
!insertmacro REQUIRE_DEFINE WEBVIEW2_LOADER
!insertmacro REQUIRE_DEFINE ICON
!insertmacro REQUIRE_DEFINE OUTFILE

!define PRODUCT "SpotLink"
!define PUBLISHER "SpotLink"
!define HOMEPAGE "https://spotlink.dev"
!define APP "spotlink-app.exe"
!define CLI "spotlink.exe"
!define UNINSTALLER "uninstall.exe"
; The deep-link scheme (plugins.deep-link in tauri.conf.json; DESIGN.md's contract).
!define SCHEME "spotlink"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
; What the installer records for itself (the WebView2 outcome); the app keeps nothing
; in the registry, so the uninstaller removes this key.
!define STATE_KEY "Software\${PRODUCT}"
; The Evergreen WebView2 Runtime's EdgeUpdate client: its "pv" value is the installed
; version (Microsoft's "Detect if a WebView2 Runtime is already installed").
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_BOOTSTRAPPER_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"
!define WEBVIEW2_DOWNLOAD_PAGE "https://developer.microsoft.com/microsoft-edge/webview2/"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\${PRODUCT}"
; An upgrade goes where the last install went.
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "Copyright 2026 the SpotLink developers"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinMessages.nsh"

; The longest value NSIS's strings hold; a registry value that long may have been cut.
!define /math STR_MAX ${NSIS_MAX_STRLEN} - 1

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP}"
!define MUI_FINISHPAGE_RUN_TEXT "Run ${PRODUCT}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; ---------------------------------------------------------------------------------------
; Functions both the installer and the uninstaller use (NSIS wants "un." names for the
; uninstaller's copy).

!macro SHARED_FUNCTIONS UN

; Waits until $R9, a program of this install, is not running: Windows does not let a
; running program's file be replaced or deleted. The user quits it and retries; a
; silent run gives up with exit code 2 rather than leave a mixed install.
Function ${UN}WaitUntilNotRunning
  Push $0
  ${DoWhile} ${FileExists} $R9
    ClearErrors
    ; Opening a running program's file for writing fails; nothing is written here.
    FileOpen $0 $R9 a
    ${IfNot} ${Errors}
      FileClose $0
      ${ExitDo}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${PRODUCT} is running ($R9).$\r$\n$\r$\nQuit it (tray icon, Quit; or end the spotlink command) and press Retry." \
      /SD IDCANCEL IDRETRY retry
    DetailPrint "${PRODUCT} is running ($R9): quit it and try again."
    SetErrorLevel 2
    Quit
  retry:
  ${Loop}
  Pop $0
FunctionEnd

Function ${UN}EnsureNotRunning
  StrCpy $R9 "$INSTDIR\${APP}"
  Call ${UN}WaitUntilNotRunning
  StrCpy $R9 "$INSTDIR\${CLI}"
  Call ${UN}WaitUntilNotRunning
FunctionEnd

; The user's own Path (HKCU\Environment), unexpanded: $R0 = the value, $R1 = "absent",
; "ok" or "unsafe" (longer than NSIS's 1024-character strings hold, or not a string:
; rewriting it would cut it short, so the caller leaves it alone).
Function ${UN}ReadUserPath
  Push $0
  Push $1
  ClearErrors
  ReadRegStr $R0 HKCU "Environment" "Path"
  ${IfNot} ${Errors}
    StrLen $0 $R0
    ${If} $0 >= ${STR_MAX}
      StrCpy $R1 "unsafe"
    ${Else}
      StrCpy $R1 "ok"
    ${EndIf}
  ${Else}
    ; ReadRegStr fails alike for a missing value and one too long to read: look.
    StrCpy $R1 "absent"
    StrCpy $0 0
    ${Do}
      ClearErrors
      EnumRegValue $1 HKCU "Environment" $0
      ${IfThen} ${Errors} ${|} ${ExitDo} ${|}
      ${IfThen} $1 == "" ${|} ${ExitDo} ${|}
      ${If} $1 == "Path"
        StrCpy $R1 "unsafe"
        ${ExitDo}
      ${EndIf}
      IntOp $0 $0 + 1
    ${Loop}
    StrCpy $R0 ""
  ${EndIf}
  Pop $1
  Pop $0
FunctionEnd

; Splits $R0 (a Path value) on ";" and drops every entry that names $INSTDIR (compared
; case-insensitively, with environment variables expanded and a trailing "\" ignored):
; $R2 = the other entries, in order, with their own separators; $R3 = how many were
; dropped. "A;B;$INSTDIR" gives "A;B", and "$INSTDIR" alone gives "".
Function ${UN}PathWithoutInstDir
  Push $4
  Push $5
  Push $6
  Push $7
  Push $8
  StrCpy $R2 ""
  StrCpy $R3 0
  StrCpy $4 $R0  ; what is left to split
  StrCpy $8 0    ; entries kept so far
  ${Do}
    ; $5 = the length of the next entry, $6 = its first character past it (";" or "").
    StrCpy $5 0
    ${Do}
      StrCpy $6 $4 1 $5
      ${IfThen} $6 == ";" ${|} ${ExitDo} ${|}
      ${IfThen} $6 == "" ${|} ${ExitDo} ${|}
      IntOp $5 $5 + 1
    ${Loop}
    StrCpy $7 $4 $5
    ExpandEnvStrings $7 $7
    ${If} $7 == "$INSTDIR"
    ${OrIf} $7 == "$INSTDIR\"
      IntOp $R3 $R3 + 1
    ${Else}
      StrCpy $7 $4 $5
      ${If} $8 == 0
        StrCpy $R2 $7
      ${Else}
        StrCpy $R2 "$R2;$7"
      ${EndIf}
      IntOp $8 $8 + 1
    ${EndIf}
    ${IfThen} $6 == "" ${|} ${ExitDo} ${|}
    IntOp $5 $5 + 1
    StrCpy $4 $4 "" $5
  ${Loop}
  Pop $8
  Pop $7
  Pop $6
  Pop $5
  Pop $4
FunctionEnd

!macroend

!insertmacro SHARED_FUNCTIONS ""
!insertmacro SHARED_FUNCTIONS "un."

; ---------------------------------------------------------------------------------------
; Install

; Puts $INSTDIR on the user's Path once, so `spotlink` works in new terminals.
Function AddInstDirToPath
  Call ReadUserPath
  ${If} $R1 == "unsafe"
    DetailPrint "Your Path is too long for this installer to edit safely; add $INSTDIR to it yourself to use the spotlink command."
    MessageBox MB_OK|MB_ICONINFORMATION \
      "Your Path is too long for this installer to edit safely, so it was left as it was.$\r$\n$\r$\nTo use the spotlink command in a terminal, add this folder to your Path yourself:$\r$\n$INSTDIR" \
      /SD IDOK
    Return
  ${EndIf}
  Call PathWithoutInstDir
  ${If} $R3 > 0
    DetailPrint "$INSTDIR is already on your Path."
    Return
  ${EndIf}
  ${If} $R0 == ""
    StrCpy $R2 "$INSTDIR"
  ${Else}
    StrCpy $R2 "$R0;$INSTDIR"
  ${EndIf}
  StrLen $0 $R2
  ${If} $0 >= ${STR_MAX}
    DetailPrint "Your Path would be too long for this installer to edit safely; add $INSTDIR to it yourself to use the spotlink command."
    MessageBox MB_OK|MB_ICONINFORMATION \
      "Your Path would become too long for this installer to edit safely, so it was left as it was.$\r$\n$\r$\nTo use the spotlink command in a terminal, add this folder to your Path yourself:$\r$\n$INSTDIR" \
      /SD IDOK
    Return
  ${EndIf}
  WriteRegExpandStr HKCU "Environment" "Path" $R2
  DetailPrint "Added $INSTDIR to your Path."
  ; Running programs (Explorer, new terminals it starts) reread the environment.
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
FunctionEnd

; $0 = the Evergreen WebView2 Runtime's version, or "" when none is registered: per
; machine (either registry view: the runtime is a 32-bit program on 64-bit Windows) or
; per user.
Function WebView2Version
  StrCpy $0 ""
  SetRegView 32
  ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  SetRegView 64
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  SetRegView default
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${IfThen} $0 == "0.0.0.0" ${|} StrCpy $0 "" ${|}
FunctionEnd

; The window needs the WebView2 Runtime; the tray, the spotlink:// links and the
; spotlink command do not. When the runtime is missing, Microsoft's bootstrapper is
; downloaded (urlmon, part of Windows: no plugin) and run silently. If that fails the
; installation stays, and says so. The outcome is kept for a silent install's caller
; to read: HKCU\Software\SpotLink, "WebView2" = present | installed | missing, and
; "WebView2Error" = why, when missing.
Function EnsureWebView2
  Call WebView2Version
  ${If} $0 != ""
    DetailPrint "WebView2 Runtime $0 is installed."
    WriteRegStr HKCU "${STATE_KEY}" "WebView2" "present"
    DeleteRegValue HKCU "${STATE_KEY}" "WebView2Error"
    Return
  ${EndIf}

  DetailPrint "Downloading the WebView2 Runtime installer from Microsoft..."
  InitPluginsDir
  StrCpy $2 "$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe"
  System::Call 'urlmon::URLDownloadToFileW(p 0, w "${WEBVIEW2_BOOTSTRAPPER_URL}", w r2, i 0, p 0) i .r1'
  ${If} $1 <> 0
  ${OrIfNot} ${FileExists} $2
    IntFmt $1 "0x%08X" $1
    DetailPrint "Could not download ${WEBVIEW2_BOOTSTRAPPER_URL} (error $1)."
    StrCpy $3 "the download from Microsoft failed (error $1)"
    Goto failed
  ${EndIf}

  DetailPrint "Installing the WebView2 Runtime..."
  ClearErrors
  ExecWait '"$2" /silent /install' $1
  ${If} ${Errors}
    StrCpy $3 "Microsoft's WebView2 Runtime installer could not be started"
    Goto failed
  ${EndIf}
  Call WebView2Version
  ${If} $0 == ""
    StrCpy $3 "Microsoft's WebView2 Runtime installer exited with code $1"
    Goto failed
  ${EndIf}
  DetailPrint "Installed the WebView2 Runtime $0."
  WriteRegStr HKCU "${STATE_KEY}" "WebView2" "installed"
  DeleteRegValue HKCU "${STATE_KEY}" "WebView2Error"
  Return

failed:
  DetailPrint "WebView2 Runtime not installed: $3."
  DetailPrint "${PRODUCT} is installed; its window needs the WebView2 Runtime (${WEBVIEW2_DOWNLOAD_PAGE}). The spotlink command works meanwhile."
  WriteRegStr HKCU "${STATE_KEY}" "WebView2" "missing"
  WriteRegStr HKCU "${STATE_KEY}" "WebView2Error" $3
  MessageBox MB_OK|MB_ICONEXCLAMATION \
    "${PRODUCT} is installed, but the Microsoft Edge WebView2 Runtime, which its window needs, is not: $3.$\r$\n$\r$\nGet the Evergreen WebView2 Runtime from Microsoft:$\r$\n${WEBVIEW2_DOWNLOAD_PAGE}$\r$\n$\r$\nMeanwhile the spotlink command works in a terminal (spotlink link, spotlink token)." \
    /SD IDOK
FunctionEnd

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Installing over an earlier version: the same files, replaced.
  Call EnsureNotRunning

  File "/oname=${APP}" "${APP_EXE}"
  File "/oname=${CLI}" "${CLI_EXE}"
  ; The MinGW build of the app loads WebView2's loader from beside it (the MSVC build
  ; links it statically).
  File "/oname=WebView2Loader.dll" "${WEBVIEW2_LOADER}"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP}" "" "$INSTDIR\${APP}" 0

  ; spotlink:// links, written exactly as the deep-link plugin's register_all() writes
  ; them at run time (tauri-plugin-deep-link, Windows `register`), so the two agree.
  WriteRegStr HKCU "Software\Classes\${SCHEME}" "" "URL:${IDENTIFIER} protocol"
  WriteRegStr HKCU "Software\Classes\${SCHEME}" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP},0"
  WriteRegStr HKCU "Software\Classes\${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP}" "%1"'

  Call AddInstDirToPath

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "URLInfoAbout" "${HOMEPAGE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Last: whatever happens here, the rest is installed and usable.
  Call EnsureWebView2
SectionEnd

; ---------------------------------------------------------------------------------------
; Uninstall: what the installer made, and nothing of the user's: the link (Credential
; Manager) and SpotLink's settings and state (%APPDATA%\SpotLink\SpotLink) stay.

Function un.RemoveInstDirFromPath
  Call un.ReadUserPath
  ${If} $R1 == "absent"
    Return
  ${EndIf}
  ${If} $R1 == "unsafe"
    DetailPrint "Your Path is too long for this uninstaller to edit safely; remove $INSTDIR from it yourself."
    Return
  ${EndIf}
  Call un.PathWithoutInstDir
  ${If} $R3 == 0
    Return
  ${EndIf}
  ${If} $R2 == ""
    DeleteRegValue HKCU "Environment" "Path"
  ${Else}
    WriteRegExpandStr HKCU "Environment" "Path" $R2
  ${EndIf}
  DetailPrint "Removed $INSTDIR from your Path."
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
FunctionEnd

Section "Uninstall"
  Call un.EnsureNotRunning

  Delete "$SMPROGRAMS\${PRODUCT}.lnk"

  ; The scheme, unless another copy of the app has registered itself since.
  ReadRegStr $0 HKCU "Software\Classes\${SCHEME}\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\${APP}" "%1"'
    DeleteRegKey HKCU "Software\Classes\${SCHEME}"
  ${EndIf}

  ; "Start at login" (the app's auto-launch Run entry) would start a program that is
  ; no longer there.
  ReadRegStr $0 HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${PRODUCT}"
  StrLen $1 "$INSTDIR\${APP}"
  StrCpy $0 $0 $1
  ${If} $0 == "$INSTDIR\${APP}"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${PRODUCT}"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "${PRODUCT}"
  ${EndIf}

  Call un.RemoveInstDirFromPath

  DeleteRegValue HKCU "${STATE_KEY}" "WebView2"
  DeleteRegValue HKCU "${STATE_KEY}" "WebView2Error"
  DeleteRegKey /ifempty HKCU "${STATE_KEY}"

  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == "$INSTDIR"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ${EndIf}

  Delete "$INSTDIR\${APP}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\${UNINSTALLER}"
  ; Last, so a caller can wait for the folder to go: only if nothing else is in it.
  RMDir "$INSTDIR"
SectionEnd
