/**
 * @jest-environment jsdom
 */
/** A step's help: one line, the rest only on demand (a disclosure button), and then gone again. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Help } from "../../src/taskpane/components/Help";

it("shows one line, the rest only after More, by keyboard, and hides it again", async () => {
  const user = userEvent.setup();
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <Help line="Colour the cells by what they say." more="The colours follow the words as people edit." about="the colours" />
    </FluentProvider>,
  );
  // All there is to read at first: the one line and its More button.
  expect(container.textContent).toMatch(/^Colour the cells by what they say\.\s*More$/);
  expect(screen.queryByText("The colours follow the words as people edit.")).toBeNull();
  const more = screen.getByRole("button", { name: "More about the colours" });
  expect(more.getAttribute("aria-expanded")).toBe("false");
  more.focus();
  await user.keyboard("{Enter}");
  const text = screen.getByText("The colours follow the words as people edit.");
  const less = screen.getByRole("button", { name: "Less about the colours" });
  expect(less.getAttribute("aria-expanded")).toBe("true");
  expect(less.getAttribute("aria-controls")).toBe(text.id);
  await user.keyboard(" ");
  expect(screen.queryByText("The colours follow the words as people edit.")).toBeNull();
});
