; SpotLink's additions to Tauri's NSIS installer (bundle.windows.nsis.installerHooks).
; Configured, not exercised: there is no Windows machine in CI (docs/packaging.md).
;
; The installer is per-user (installMode currentUser), so the `spotlink` command
; (installed beside the app as a bundle resource) goes on the user's own PATH,
; HKCU\Environment, and comes off it again on uninstall. The spotlink:// scheme is
; registered by Tauri's template from plugins.deep-link in tauri.conf.json.

!include "StrFunc.nsh"
${StrLoc}
${UnStrRep}

!macro NSIS_HOOK_POSTINSTALL
  ReadRegStr $0 HKCU "Environment" "Path"
  ${StrLoc} $1 "$0;" "$INSTDIR;" ">"
  ${If} $1 == ""
    ${If} $0 == ""
      WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR"
    ${Else}
      WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR"
    ${EndIf}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
  ${EndIf}
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  ReadRegStr $0 HKCU "Environment" "Path"
  ${UnStrRep} $0 "$0" ";$INSTDIR" ""
  ${UnStrRep} $0 "$0" "$INSTDIR;" ""
  ${UnStrRep} $0 "$0" "$INSTDIR" ""
  WriteRegExpandStr HKCU "Environment" "Path" "$0"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=500
!macroend
