import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { officeTheme } from "../../src/taskpane/theme";

describe("the pane follows Office's theme", () => {
  it("is dark on Office's Black and Dark Gray themes, light on White and Colorful, and light when Office does not say", () => {
    expect(officeTheme({ bodyBackgroundColor: "#262626" })).toBe(webDarkTheme); // Black
    expect(officeTheme({ bodyBackgroundColor: "#666666" })).toBe(webDarkTheme); // Dark Gray
    expect(officeTheme({ bodyBackgroundColor: "#FFFFFF" })).toBe(webLightTheme); // White
    expect(officeTheme({ bodyBackgroundColor: "#E6E6E6" })).toBe(webLightTheme); // Colorful
    expect(officeTheme(undefined)).toBe(webLightTheme);
    expect(officeTheme({ bodyBackgroundColor: "" })).toBe(webLightTheme);
    expect(officeTheme({ bodyBackgroundColor: "not a colour" })).toBe(webLightTheme);
  });
});
