/**
 * Ribbon commands. The manifest's FunctionFile is the shared runtime's page
 * (taskpane.html), which loads this entry together with the task pane and the
 * custom functions. The one ribbon button (Home > Delivery plan) is a
 * ShowTaskpane action that Office handles by itself, so nothing is associated
 * yet: an ExecuteFunction button would register its handler here, inside
 * Office.onReady, with Office.actions.associate("<FunctionName>", handler).
 */

Office.onReady(() => {
  // No ExecuteFunction commands yet (see above).
});

export {};
