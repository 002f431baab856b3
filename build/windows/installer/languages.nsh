# The installer's own words in the app's languages; project.nsi includes this as UTF-8.

LangString SecApp      ${LANG_ENGLISH} "${INFO_PRODUCTNAME}"
LangString SecDesktop  ${LANG_ENGLISH} "Desktop shortcut"
LangString SecLogin    ${LANG_ENGLISH} "Start at login"
LangString DescApp     ${LANG_ENGLISH} "The app and its Start menu shortcut."
LangString DescDesktop ${LANG_ENGLISH} "A shortcut on the desktop."
LangString DescLogin   ${LANG_ENGLISH} "Start ${INFO_PRODUCTNAME} in the background when you sign in to Windows. You can turn this off later in Task Manager, Startup apps."

LangString SecApp      ${LANG_UKRAINIAN} "${INFO_PRODUCTNAME}"
LangString SecDesktop  ${LANG_UKRAINIAN} "Ярлик на робочому столі"
LangString SecLogin    ${LANG_UKRAINIAN} "Запускати під час входу"
LangString DescApp     ${LANG_UKRAINIAN} "Програма та її ярлик у меню «Пуск»."
LangString DescDesktop ${LANG_UKRAINIAN} "Ярлик на робочому столі."
LangString DescLogin   ${LANG_UKRAINIAN} "Запускати ${INFO_PRODUCTNAME} у фоні, коли ви входите у Windows. Вимкнути це можна пізніше в Диспетчері завдань, «Автозавантаження»."

LangString SecApp      ${LANG_RUSSIAN} "${INFO_PRODUCTNAME}"
LangString SecDesktop  ${LANG_RUSSIAN} "Ярлык на рабочем столе"
LangString SecLogin    ${LANG_RUSSIAN} "Запускать при входе в систему"
LangString DescApp     ${LANG_RUSSIAN} "Программа и её ярлык в меню «Пуск»."
LangString DescDesktop ${LANG_RUSSIAN} "Ярлык на рабочем столе."
LangString DescLogin   ${LANG_RUSSIAN} "Запускать ${INFO_PRODUCTNAME} в фоне при входе в Windows. Отключить это можно позже в Диспетчере задач, «Автозагрузка»."
